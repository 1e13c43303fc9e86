namespace SlackOigSync.Sync;

/// <summary>
/// A plan after the second looks: what is left to apply, the revocations and Slack removals held because two reads
/// disagreed, and how many of those held (the last ones) are Slack removals OIG's two views disagreed on.
/// </summary>
public sealed record ConfirmedPlan(SyncPlan Plan, IReadOnlyList<HeldRevocation> Held, int Contradicted);
