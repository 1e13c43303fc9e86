using System.CommandLine;

namespace SlackOigSync.Cli;

/// <summary>The options every command takes: where the configuration comes from, the log format and verbosity.</summary>
public sealed class GlobalOptions
{
    public Option<string?> Config { get; } = new("--config") { Description = $"Configuration file (JSON); default {Configuration.ConfigurationSources.DefaultFile}, which may be absent when every setting comes from the environment or --set.", Recursive = true };

    public Option<string[]> Set { get; } = new("--set") { Description = "Override one setting, e.g. --set Sync:DatabasePath=/data/sync.db (repeatable).", Recursive = true, Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };

    public Option<bool> JsonLogs { get; } = new("--json-logs") { Description = "Write logs as compact JSON (CLEF), one object a line.", Recursive = true };

    public Option<bool> Verbose { get; } = new("--verbose") { Description = "Log HTTP retries and details at debug level.", Recursive = true };

    public IEnumerable<Option> All => [Config, Set, JsonLogs, Verbose];
}
