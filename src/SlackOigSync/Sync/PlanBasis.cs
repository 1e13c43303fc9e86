using SlackOigSync.Configuration;

namespace SlackOigSync.Sync;

/// <summary>
/// What every plan of a run is made from besides OIG's state: Slack's truth resolved to Okta users, the role names
/// (every catalogue name, plus a fallback for roles the catalogue does not know), the guard, who is who and the memory
/// of earlier runs. <see cref="Input"/> pairs it with OIG as read, before applying and again when verifying. Pure.
/// </summary>
public sealed record PlanBasis(
    IReadOnlyList<DesiredUser> Desired,
    IReadOnlySet<string> SlackRoleIds,
    IReadOnlyDictionary<string, string> RoleNames,
    RevocationGuard Guard,
    RunPeople People,
    IReadOnlySet<(string OktaUserId, string RoleId)> RememberedHeld,
    IReadOnlySet<(string OktaUserId, string RoleId)> OpenOigRevocations,
    OigRevocationMode OnOigRevocation)
{
    public static PlanBasis Of(
        SlackRoleHolders holders,
        RunPeople people,
        RoleCatalogue catalogue,
        SyncSettings sync,
        (IReadOnlySet<(string OktaUserId, string RoleId)> Held, IReadOnlySet<(string OktaUserId, string RoleId)> OpenOigRevocations) memory)
    {
        var desired = people.Resolution.Resolved.Values
            .Select(r => new DesiredUser(r.OktaUserId, r.SlackUserId, r.Email, holders.RolesByUser[r.SlackUserId]))
            .ToList();

        // Every catalogue name (so values of roles Slack no longer lists can still be renamed), plus a fallback for unknown roles.
        var roleNames = new Dictionary<string, string>(catalogue.Names, StringComparer.Ordinal);
        foreach (var unknown in holders.Roles.Where(r => !catalogue.IsKnown(r)))
        {
            roleNames[unknown] = RoleCatalogue.FallbackName(unknown);
        }

        var guard = new RevocationGuard(sync.MaxRevocationShare, sync.MaxRevocations, sync.AllowMassRevocation);
        return new PlanBasis(desired, holders.Roles, roleNames, guard, people, memory.Held, memory.OpenOigRevocations, sync.OnOigRevocation);
    }

    /// <summary>The planner's input against OIG's grants and values as read.</summary>
    public PlanInput Input(IReadOnlyCollection<CurrentGrant> current, IEnumerable<CurrentValue> currentValues) => new(Desired, SlackRoleIds, RoleNames, currentValues, current)
    {
        Guard = Guard, Protected = People.Protected, UnattributedRoles = People.UnattributedRoles, KnownOktaUsers = People.Identities.KnownOktaUsers, MovedLinks = People.Moved,
        RememberedHeld = RememberedHeld, OpenOigRevocations = OpenOigRevocations, OnOigRevocation = OnOigRevocation,
    };
}
