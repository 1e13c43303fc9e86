using System.Text.Json.Serialization;

namespace SlackOigSync.Storage;

[JsonSerializable(typeof(List<string>))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
