namespace SlackOigSync.Sync;

/// <summary>What a run will change in OIG, and what it will deliberately leave alone.</summary>
public sealed record SyncPlan(
    IReadOnlyList<ValueToCreate> ValuesToCreate,
    IReadOnlyList<ValueToRename> ValuesToRename,
    IReadOnlyList<GrantToAdd> GrantsToAdd,
    IReadOnlyList<RevocationToMake> Revocations,
    IReadOnlyList<LeftAlone> LeftAlone)
{
    /// <summary>Grants Slack no longer backs for a resolved holder but that are kept: their holder is unresolved today.</summary>
    public IReadOnlyList<KeptGrant> Kept { get; init; } = [];

    /// <summary>User × role pairs the guard weighed: revocations plus what moved links take from their old Okta user.</summary>
    public int GuardedRevocations { get; init; }

    /// <summary>User × role grants the sync manages now (held through ENTITLEMENT grants).</summary>
    public int ManagedAssignments { get; init; }

    /// <summary>Set when the mass-revocation guard holds the revocations back: why.</summary>
    public string? RevocationsBlocked { get; init; }

    public int AssignmentsToAdd => GrantsToAdd.Sum(g => g.RoleIds.Count);

    public int AssignmentsToRemove => Revocations.Sum(r => r.Values.Count);

    public bool IsEmpty => ValuesToCreate.Count == 0 && ValuesToRename.Count == 0 && GrantsToAdd.Count == 0 && Revocations.Count == 0;
}

public sealed record ValueToCreate(string RoleId, string Name);

public sealed record ValueToRename(string ValueId, string RoleId, string OldName, string NewName);

/// <summary>One grant call: all of a user's new roles at once.</summary>
public sealed record GrantToAdd(string OktaUserId, string SlackUserId, string? Email, IReadOnlyList<string> RoleIds);

/// <summary>One user's values to revoke; the applier sends them five ORNs per call.</summary>
public sealed record RevocationToMake(string OktaUserId, string? PrincipalOrn, IReadOnlyList<RevokedValue> Values);

public sealed record RevokedValue(string RoleId, string ValueId, string? ValueOrn);

/// <summary>A managed grant that would have been revoked, kept because its Slack holder could not be resolved today.</summary>
public sealed record KeptGrant(string OktaUserId, string RoleId, string? SlackUserId, string? Email, string Reason);

/// <summary>A value a user holds that Slack does not back, kept because a grant the sync does not own gives it.</summary>
public sealed record LeftAlone(string OktaUserId, string RoleId, string Reason);
