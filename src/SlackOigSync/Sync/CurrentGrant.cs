namespace SlackOigSync.Sync;

/// <summary>
/// A grant that holds values of the managed entitlement (ValueIds lists only those), in any state: a grant that is
/// not active still counts as holding its values, so they are never granted a second time.
/// </summary>
/// <param name="GrantType">The kind as OIG names it, for reports only; decisions use <see cref="Kind"/>.</param>
public sealed record CurrentGrant(string GrantId, string GrantType, string OktaUserId, string? PrincipalOrn, IReadOnlyList<string> ValueIds)
{
    /// <summary>An entitlement grant (the kind the sync makes) or another kind (policy, custom, bundle), which the sync never owns.</summary>
    public GrantKind Kind { get; init; } = GrantKind.Entitlement;

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
    public bool IsManaged => IsActive && Kind == GrantKind.Entitlement;
}

/// <summary>Whose a grant is: an entitlement grant, as the sync makes them, or one another process made.</summary>
public enum GrantKind
{
    Entitlement,
    Other,
}

/// <summary>A grant's state as the sync acts on it: only an active grant is managed; any other status fails closed.</summary>
public enum GrantState
{
    Active,
    NotActive,
}
