using SlackOigSync.Storage;

namespace SlackOigSync.Reports;

/// <summary>One real run in the report's charts. <see cref="Status"/> is RUNNING while a run is still open (null if the stored word is not a status).</summary>
public sealed record RunPoint(
    string ExecutionId,
    DateTimeOffset StartTime,
    RunStatus? Status,
    long SlackRoleHolders,
    long Added,
    long Removed,
    long Failed,
    double? DurationSeconds);
