namespace SlackOigSync.Sync;

/// <summary>An active grant that holds values of the managed entitlement (ValueIds lists only those).</summary>
public sealed record CurrentGrant(string GrantId, string GrantType, string OktaUserId, string? PrincipalOrn, IReadOnlyList<string> ValueIds)
{
    /// <summary>Only ENTITLEMENT grants are the sync's to revoke; POLICY, CUSTOM and bundle grants belong to other processes.</summary>
    public bool IsManaged => GrantType == "ENTITLEMENT";
}
