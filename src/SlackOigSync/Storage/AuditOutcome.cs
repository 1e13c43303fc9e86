namespace SlackOigSync.Storage;

/// <summary>How an audited change ended (sync_change_audit.outcome, spelled by <see cref="StorageText"/>).</summary>
public enum AuditOutcome
{
    /// <summary>About to be sent; a row left so means the outcome could not be recorded.</summary>
    Pending,
    Applied,
    Failed,

    /// <summary>A dry run's change, not sent.</summary>
    Planned,

    /// <summary>A revocation the mass-revocation guard held back.</summary>
    Blocked,

    /// <summary>The process stopped mid-call; a later run settles it against OIG.</summary>
    Unknown,
}
