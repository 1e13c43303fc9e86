using System.Text.Json.Serialization;

namespace SlackOigSync.Cli;

/// <summary>Reads users_not_in_okta (a JSON array of identifiers as stored).</summary>
[JsonSerializable(typeof(List<string>))]
internal sealed partial class CliListJsonContext : JsonSerializerContext;
