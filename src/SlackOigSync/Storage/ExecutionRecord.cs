namespace SlackOigSync.Storage;

/// <summary>One row of sync_execution_log.</summary>
public sealed record ExecutionRecord
{
    public required string ExecutionId { get; init; }
    public required DateTimeOffset StartTime { get; init; }
    public DateTimeOffset? EndTime { get; init; }
    public double? DurationSeconds { get; init; }
    public required RunStatus Status { get; init; }
    public long TotalSlackUsers { get; init; }
    public long TotalEntitlementsSynced { get; init; }
    public long AssignmentsAdded { get; init; }
    public long AssignmentsRemoved { get; init; }
    public string UsersNotInOkta { get; init; } = "[]";
    public string? ErrorMessage { get; init; }
    public bool DryRun { get; init; }
    public long? ExitCode { get; init; }
    public long ChangesFailed { get; init; }
    public long ApiRequests { get; init; }
    public long ApiRetries { get; init; }
    /// <summary>Milliseconds waiting on rate limits (429s and pacing).</summary>
    public long ApiWaitMs { get; init; }

    /// <summary>Milliseconds backing off after errors before retrying.</summary>
    public long ApiBackoffMs { get; init; }
    public long GrantsKeptUnresolved { get; init; }
    public long IdentityConflicts { get; init; }
    public long RevocationsHeld { get; init; }
    public long LinksMoved { get; init; }

    /// <summary>User × role grants revoked in OIG while Slack still lists the role, seen by this run.</summary>
    public long OigRevocations { get; init; }

    /// <summary>User × role assignments this run removed in Slack (Sync:OnOigRevocation=RemoveFromSlack).</summary>
    public long SlackRolesRemoved { get; init; }
}
