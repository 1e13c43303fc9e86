namespace SlackOigSync.Hosting;

/// <summary>What 'run' was asked: --dry-run reads and plans, and writes nothing to OIG.</summary>
public sealed record RunRequest(bool DryRun);
