using SlackOigSync.Storage;

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

    /// <summary>User × role pairs a grant that is not active decided: not granted again, or not revoked. Reported, never changed.</summary>
    public IReadOnlyList<InactiveGrantHold> HeldByInactiveGrants { get; init; } = [];

    /// <summary>Roles Slack lists that a user holds only through a grant that is not active: a difference the sync leaves to a person.</summary>
    public int NotGrantedAgain => HeldByInactiveGrants.Count(h => h.SlackListsRole);

    /// <summary>
    /// Roles Slack lists whose grant the sync knew and OIG no longer holds: someone revoked them in OIG. Not granted
    /// again unless Sync:OnOigRevocation is Regrant.
    /// </summary>
    public IReadOnlyList<OigRevocation> OigRevocations { get; init; } = [];

    /// <summary>Recorded OIG revocations that are no longer a difference, and why.</summary>
    public IReadOnlyList<ClosedOigRevocation> OigRevocationsClosed { get; init; } = [];

    /// <summary>Roles to remove in Slack (Sync:OnOigRevocation=RemoveFromSlack); where they are held is filled in by a fresh read before any write.</summary>
    public IReadOnlyList<SlackRoleRemoval> SlackRemovals { get; init; } = [];

    /// <summary>User × role pairs the guard weighed: revocations plus what moved links take from their old Okta user.</summary>
    public int GuardedRevocations { get; init; }

    /// <summary>User × role grants the sync manages now (held through ENTITLEMENT grants).</summary>
    public int ManagedAssignments { get; init; }

    /// <summary>Set when the mass-revocation guard holds the revocations back: why.</summary>
    public string? RevocationsBlocked { get; init; }

    public int AssignmentsToAdd => GrantsToAdd.Sum(g => g.RoleIds.Count);

    public int AssignmentsToRemove => Revocations.Sum(r => r.Values.Count);

    public int SlackRemovalsCount => SlackRemovals.Sum(r => r.Holdings.Count);

    public bool IsEmpty => ValuesToCreate.Count == 0 && ValuesToRename.Count == 0 && GrantsToAdd.Count == 0 && Revocations.Count == 0 && SlackRemovals.Count == 0;
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

/// <summary>
/// A user × role held through a grant that is not active in OIG (scheduled, inactive, expired or unknown), and no
/// active grant decides it: when Slack lists the role it is not granted again; when Slack does not, it is not revoked.
/// </summary>
public sealed record InactiveGrantHold(
    string OktaUserId, string RoleId, string? SlackUserId, string? Email, string GrantId, string GrantType, string? Status, bool SlackListsRole)
{
    /// <summary>The operator's sentence: which grant, in which state, what the sync did not do, and where to look.</summary>
    public string Describe() => SlackListsRole
        ? $"grant {GrantId} ({GrantType}) is {Status ?? "not active"} in OIG, so the role Slack lists is not granted again; check that grant in OIG"
        : $"grant {GrantId} ({GrantType}) is {Status ?? "not active"} in OIG and Slack does not list the role for this user, but the sync never revokes a grant that is not active; check that grant in OIG";
}

/// <summary>A role Slack lists for a user whose grant of it the sync knew and OIG no longer holds.</summary>
/// <param name="AlreadyRecorded">An earlier run recorded it already (an open oig_revocation row).</param>
public sealed record OigRevocation(string OktaUserId, string RoleId, IReadOnlyList<string> SlackUserIds, string? Email, bool AlreadyRecorded);

/// <summary>A recorded OIG revocation that is no longer a difference between Slack and OIG.</summary>
public sealed record ClosedOigRevocation(string OktaUserId, string RoleId, OigRevocationResolution Resolution);

/// <summary>One user's role to remove in Slack, on every entity each of their Slack accounts holds it on.</summary>
public sealed record SlackRoleRemoval(string OktaUserId, string RoleId, string? Email, IReadOnlyList<SlackHolding> Holdings);

/// <summary>A Slack account and the entities (org, workspaces) it holds a role on.</summary>
public sealed record SlackHolding(string SlackUserId, IReadOnlyList<string> EntityIds);
