using SlackOigSync.Storage;

namespace SlackOigSync.Sync;

/// <summary>How a run ended: what the execution log records and what the console summarises.</summary>
public sealed record SyncResult
{
    public required string ExecutionId { get; init; }
    public required RunStatus Status { get; init; }
    public bool DryRun { get; init; }
    public SyncPlan? Plan { get; init; }
    public UserResolution? Resolution { get; init; }
    public bool EntitlementCreated { get; init; }
    public int SlackAssignments { get; init; }
    public int TotalSlackUsers { get; init; }
    public int RolesSynced { get; init; }
    public int Added { get; init; }
    public int Removed { get; init; }
    public int Failed { get; init; }

    /// <summary>Account × role assignments removed in Slack because the grant was revoked in OIG (Sync:OnOigRevocation=RemoveFromSlack).</summary>
    public int RemovedFromSlack { get; init; }

    /// <summary>What the run did with grants revoked in OIG that Slack still lists (Sync:OnOigRevocation).</summary>
    public Configuration.OigRevocationMode OnOigRevocation { get; init; }

    /// <summary>User × role differences still present when OIG was re-read after applying.</summary>
    public int Unconverged { get; init; }
    /// <summary>Planned revocations Slack's confirming read did not confirm, so not applied.</summary>
    public IReadOnlyList<HeldRevocation> Held { get; init; } = [];

    /// <summary>Holders who resolved to another Okta user than the one remembered.</summary>
    public IReadOnlyList<MovedLink> MovedLinks { get; init; } = [];

    /// <summary>Earlier runs' changes of unknown outcome (PENDING, UNKNOWN) that this run settled against OIG.</summary>
    public AuditReconciliation Reconciled { get; init; } = AuditReconciliation.None;

    public string? ErrorMessage { get; init; }
    public double DurationSeconds { get; init; }

    public int ExitCode => Status.ExitCode();

    /// <summary>This run once its plan was applied: the counts of what was applied, with how it ended.</summary>
    public SyncResult AfterApplying(ApplyOutcome outcome, RunStatus status, string? message, int unconverged = 0) => this with
    {
        Status = status,
        Added = outcome.Added,
        Removed = outcome.Removed,
        Failed = outcome.Failed,
        RemovedFromSlack = outcome.RemovedFromSlack,
        Unconverged = unconverged,
        ErrorMessage = message,
    };
}
