namespace SlackOigSync.Storage;

/// <summary>One row of managed_grant_state: a user × role the sync manages, held through an active ENTITLEMENT grant when a run ended.</summary>
public sealed record HeldGrant(string OktaUserId, string RoleId, string ValueId)
{
    /// <summary>The first run's time that saw it held (held since, as far as the sync knows).</summary>
    public DateTimeOffset? FirstSeen { get; init; }

    public DateTimeOffset? LastSeen { get; init; }
}
