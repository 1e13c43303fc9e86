namespace SlackOigSync.Storage;

/// <summary>What a run noticed and reported without changing it.</summary>
public enum FindingKind
{
    /// <summary>A grant kept because its Slack holder could not be resolved this run (absence of evidence is not removal).</summary>
    KeptUnresolved,

    /// <summary>A Slack user claimed by several Okta users (externalId or email): nothing is granted to any of them.</summary>
    IdentityConflict,

    /// <summary>A planned revocation that Slack's confirming read did not confirm: not applied.</summary>
    RevocationHeld,

    /// <summary>A Slack user now resolves to another Okta user than the one remembered.</summary>
    LinkMoved,

    /// <summary>
    /// A user × role held through a grant that is not active in OIG (scheduled, inactive, expired): not granted again
    /// when Slack lists the role, not revoked when it does not. Left to a person to check in OIG.
    /// </summary>
    HeldByInactiveGrant,

    /// <summary>
    /// A role Slack lists whose grant the sync knew is gone from OIG: someone revoked it in OIG (a certification
    /// reviewer, an admin). What the run did about it follows Sync:OnOigRevocation.
    /// </summary>
    RevokedInOig,

    /// <summary>A Slack role holder found in Okta by email whose Okta user is not assigned to the Slack app (or has no externalId).</summary>
    NotAssignedToApp,
}
