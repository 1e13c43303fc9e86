namespace SlackOigSync.Storage;

/// <summary>Why a grant revoked in OIG stopped being a difference between Slack and OIG.</summary>
public enum OigRevocationResolution
{
    /// <summary>Slack no longer lists the role for that user: the two agree again.</summary>
    SlackNoLongerLists,

    /// <summary>OIG holds the role for that user again (an admin or a request granted it).</summary>
    GrantedAgainInOig,

    /// <summary>The sync removed the role in Slack (Sync:OnOigRevocation=RemoveFromSlack).</summary>
    RemovedFromSlack,

    /// <summary>The sync granted it again (Sync:OnOigRevocation=Regrant).</summary>
    Regranted,

    /// <summary>An operator cleared it with 'oig-revocation clear': the next run treats Slack as the truth again.</summary>
    ClearedByOperator,
}
