namespace SlackOigSync.Sandbox.State;

/// <summary>
/// What OIG's revoke-principal-access does to the state, shared by that endpoint and by a campaign's remediation:
/// the values leave the principal's ACTIVE ENTITLEMENT and CUSTOM grants, and a grant left empty ends (INACTIVE).
/// POLICY and bundle grants belong to other mechanisms and keep what they give.
/// </summary>
public static class OigRevocation
{
    /// <summary>Call with the state's lock held. Returns the apps whose grants changed and the value ids actually taken.</summary>
    public static (HashSet<string> Apps, List<string> Taken) Revoke(SandboxState state, string userId, IReadOnlyCollection<string> valueIds)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(valueIds);
        var now = state.Clock.GetUtcNow();
        var apps = new HashSet<string>(StringComparer.Ordinal);
        var taken = new List<string>();
        foreach (var grant in state.Grants.All.Where(g => g.PrincipalUserId == userId && g.Status == "ACTIVE" && g.GrantType is "ENTITLEMENT" or "CUSTOM"))
        {
            var changed = false;
            foreach (var (entitlementId, granted) in grant.Entitlements.ToList())
            {
                foreach (var value in granted.Where(valueIds.Contains))
                {
                    state.RevocationLog.Add((userId, value));
                    taken.Add(value);
                }

                changed |= granted.RemoveAll(valueIds.Contains) > 0;
                if (granted.Count == 0)
                {
                    grant.Entitlements.Remove(entitlementId);
                }
            }

            if (changed)
            {
                apps.Add(grant.AppId);
                grant.LastUpdated = now;
                if (grant.Entitlements.Count == 0)
                {
                    grant.Status = "INACTIVE";
                }
            }
        }

        return (apps, taken);
    }
}
