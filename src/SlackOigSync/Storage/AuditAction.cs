namespace SlackOigSync.Storage;

/// <summary>What an audit row records (sync_change_audit.action, spelled by <see cref="StorageText"/>).</summary>
public enum AuditAction
{
    CreateValue,
    RenameValue,
    AddGrant,
    RevokeGrant,

    /// <summary>A Slack role removed from one Slack account on every entity it held it on (Sync:OnOigRevocation=RemoveFromSlack).</summary>
    RemoveSlackRole,
}
