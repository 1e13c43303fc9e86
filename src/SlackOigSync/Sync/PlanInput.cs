using SlackOigSync.Configuration;

namespace SlackOigSync.Sync;

/// <summary>Everything the planner needs, already read: Slack's truth (resolved to Okta users) and OIG's state.</summary>
public sealed record PlanInput(
    IReadOnlyCollection<DesiredUser> Desired,
    IReadOnlySet<string> SlackRoleIds,
    IReadOnlyDictionary<string, string> RoleNames,
    IEnumerable<CurrentValue> Values,
    IReadOnlyCollection<CurrentGrant> Grants)
{
    public RevocationGuard Guard { get; init; } = RevocationGuard.Default;

    /// <summary>User × role pairs never to revoke this run: their Slack holder is unresolved today but remembered.</summary>
    public IReadOnlyCollection<ProtectedGrant> Protected { get; init; } = [];

    /// <summary>
    /// Roles held in Slack by an unresolved holder nobody remembers (role → why): an Okta user of unknown identity
    /// who holds one of them may be that holder, so their grant of it is kept too.
    /// </summary>
    public IReadOnlyDictionary<string, string> UnattributedRoles { get; init; } = new Dictionary<string, string>();

    /// <summary>Okta users whose Slack identity the sync knows (today's resolution, the app's externalId, memory).</summary>
    public IReadOnlySet<string> KnownOktaUsers { get; init; } = new HashSet<string>();

    /// <summary>Links that moved to another Okta user: each counts, role by role, as a revocation for the guard.</summary>
    public IReadOnlyCollection<MovedLink> MovedLinks { get; init; } = [];

    /// <summary>User × role pairs the sync's grants held when the last run ended (managed_grant_state).</summary>
    public IReadOnlySet<(string OktaUserId, string RoleId)> RememberedHeld { get; init; } = new HashSet<(string, string)>();

    /// <summary>User × role pairs already recorded as revoked in OIG and not closed (oig_revocation).</summary>
    public IReadOnlySet<(string OktaUserId, string RoleId)> OpenOigRevocations { get; init; } = new HashSet<(string, string)>();

    /// <summary>What to do with a grant revoked in OIG while Slack still lists the role.</summary>
    public OigRevocationMode OnOigRevocation { get; init; } = OigRevocationMode.Report;
}
