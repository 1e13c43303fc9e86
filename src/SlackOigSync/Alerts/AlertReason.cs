namespace SlackOigSync.Alerts;

/// <summary>Why a run posts an alert; a run may have several reasons and still posts one message.</summary>
public enum AlertReason
{
    /// <summary>The run ended in a status listed in Alerts:On.</summary>
    Status,

    /// <summary>The run revoked grants and Alerts:OnRevocation is set.</summary>
    Revocation,

    /// <summary>The run left holders unresolved and Alerts:OnUnresolvedHolders is set.</summary>
    UnresolvedHolders,
}
