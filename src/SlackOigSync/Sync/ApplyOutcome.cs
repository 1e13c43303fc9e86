namespace SlackOigSync.Sync;

/// <summary>What applying a plan did: user × role changes applied and failed, and the role → value ids now known.</summary>
public sealed record ApplyOutcome(int Added, int Removed, int Failed, int Applied, IReadOnlyDictionary<string, CurrentValue> ValuesByRole);
