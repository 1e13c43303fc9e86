namespace SlackOigSync.Cli;

/// <summary>
/// One execution as 'history' prints it (json and csv use these names, snake_case). For a dry run, planned_added and
/// planned_removed say what it would have changed; assignments_added and assignments_removed are what was changed.
/// </summary>
public sealed record HistoryRow
{
    public required string ExecutionId { get; init; }
    public required string ShortId { get; init; }
    public required string StartTime { get; init; }
    public string? EndTime { get; init; }
    public double? DurationSeconds { get; init; }
    public required string Status { get; init; }
    public bool DryRun { get; init; }
    public long? ExitCode { get; init; }
    public long TotalSlackUsers { get; init; }
    public long TotalEntitlementsSynced { get; init; }
    public long AssignmentsAdded { get; init; }
    public long AssignmentsRemoved { get; init; }
    public long PlannedAdded { get; init; }
    public long PlannedRemoved { get; init; }
    public long ChangesFailed { get; init; }
    public long GrantsKeptUnresolved { get; init; }
    public long IdentityConflicts { get; init; }
    public long RevocationsHeld { get; init; }
    public long LinksMoved { get; init; }
    public int UsersNotInOktaCount { get; init; }
    public IReadOnlyList<string> UsersNotInOkta { get; init; } = [];
    public string? ErrorMessage { get; init; }
    public long ApiRequests { get; init; }
    public long ApiRetries { get; init; }
    public long ApiWaitMs { get; init; }
    public long ApiBackoffMs { get; init; }
}
