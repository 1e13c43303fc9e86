using SlackOigSync.Configuration;

namespace SlackOigSync.Hosting;

/// <summary>What the command line asks of the host: the command's needs, the configuration sources, the log format and where to write.</summary>
/// <param name="ConfigFile">--config; null for the default file, which may be absent.</param>
/// <param name="Sets">--set Section:Key=value, in order.</param>
/// <param name="Overrides">Applied over every other source (the demo and tests use it).</param>
public sealed record HostRequest(
    CommandNeeds Needs,
    string? ConfigFile,
    IReadOnlyList<string> Sets,
    IReadOnlyDictionary<string, string?>? Overrides,
    bool JsonLogs,
    CommandConsole Console);
