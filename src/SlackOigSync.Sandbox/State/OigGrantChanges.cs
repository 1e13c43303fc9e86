namespace SlackOigSync.Sandbox.State;

/// <summary>
/// What creating a grant does to the state, through OIG's POST /grants or the control API. Every method expects the
/// state's lock held. Taking values away is <see cref="OigRevocation"/>'s job.
/// </summary>
public static class OigGrantChanges
{
    /// <summary>A new ACTIVE grant with a fresh id, not yet stored: store it with <see cref="Add"/>.</summary>
    public static OigGrant New(SandboxState state, string grantType, string appId, string userId, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new OigGrant
        {
            Id = state.Ids.Okta("0gg"), GrantType = grantType, AppId = appId, PrincipalUserId = userId,
            Actor = actor, Created = now, LastUpdated = now,
        };
    }

    /// <summary>Stores a grant of <paramref name="values"/> (entitlement id → value ids); false when its id is taken.</summary>
    public static bool Add(SandboxState state, OigGrant grant, IEnumerable<KeyValuePair<string, List<string>>> values)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(values);
        foreach (var (entitlementId, valueIds) in values)
        {
            grant.Entitlements[entitlementId] = [.. valueIds];
        }

        return state.Grants.Add(grant.Id, grant);
    }

    /// <summary>
    /// A grant of any type and status as the control API plays it (an id of its own, or a fresh one); false when the id
    /// is taken.
    /// </summary>
    public static bool AddAsGiven(
        SandboxState state, string? id, string grantType, string appId, string userId, string actor, string? bundleId, string status,
        IEnumerable<KeyValuePair<string, List<string>>> values, out OigGrant grant)
    {
        ArgumentNullException.ThrowIfNull(state);
        var now = state.Clock.GetUtcNow();
        grant = new OigGrant
        {
            Id = string.IsNullOrEmpty(id) ? state.Ids.Okta("0gg") : id, GrantType = grantType, AppId = appId, PrincipalUserId = userId,
            Actor = actor, EntitlementBundleId = bundleId, Created = now, LastUpdated = now, Status = status,
        };
        return Add(state, grant, values);
    }
}
