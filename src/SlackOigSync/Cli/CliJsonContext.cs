using System.Text.Json.Serialization;

namespace SlackOigSync.Cli;

/// <summary>The json format of 'history' and 'show': snake_case names that scripts can rely on.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(List<HistoryRow>))]
[JsonSerializable(typeof(List<ChangeRow>))]
[JsonSerializable(typeof(HistoryRow))]
[JsonSerializable(typeof(ChangeRow))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
