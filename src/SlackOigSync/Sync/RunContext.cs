namespace SlackOigSync.Sync;

/// <summary>The identity of the run and of the OIG objects it manages.</summary>
public sealed record RunContext(string ExecutionId, string AppId, string EntitlementId);
