namespace SlackOigSync.Sync;

/// <summary>
/// A grant that holds values of the managed entitlement (ValueIds lists only those), in any state: a grant that is
/// not active still counts as holding its values, so they are never granted a second time.
/// </summary>
public sealed record CurrentGrant(string GrantId, string GrantType, string OktaUserId, string? PrincipalOrn, IReadOnlyList<string> ValueIds)
{
    /// <summary>Whether OIG says the grant is in force now; anything but active (scheduled, ended, unknown) is <see cref="GrantState.NotActive"/>.</summary>
    public GrantState State { get; init; } = GrantState.Active;

    /// <summary>The status as OIG spelled it, for reports only (null when the answer omitted it); decisions use <see cref="State"/>.</summary>
    public string? StatusText { get; init; }

    public bool IsActive => State == GrantState.Active;

    /// <summary>
    /// Only active ENTITLEMENT grants are the sync's to revoke; POLICY, CUSTOM and bundle grants belong to other
    /// processes, and a grant that is not active (scheduled, inactive, expired, or a status this build does not know)
    /// is left as it is and reported.
    /// </summary>
    public bool IsManaged => IsActive && GrantType == "ENTITLEMENT";
}

/// <summary>A grant's state as the sync acts on it: only an active grant is managed; any other status fails closed.</summary>
public enum GrantState
{
    Active,
    NotActive,
}
