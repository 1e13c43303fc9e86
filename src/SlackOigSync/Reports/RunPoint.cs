using SlackOigSync.Sync;

namespace SlackOigSync.Reports;

/// <summary>One real run in the report's charts. <see cref="Status"/> is null while a run is still RUNNING.</summary>
public sealed record RunPoint(
    string ExecutionId,
    DateTimeOffset StartTime,
    SyncStatus? Status,
    long SlackRoleHolders,
    long Added,
    long Removed,
    long Failed,
    double? DurationSeconds);
