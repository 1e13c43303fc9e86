using SlackOigSync.Sandbox.Seed;

namespace SlackOigSync.Sandbox.State;

/// <summary>The whole state in seed form, in a fixed order: two equal states serialize to identical bytes.</summary>
public static class SandboxSnapshot
{
    public static SandboxSeed Take(SandboxState state)
    {
        lock (state.Gate)
        {
            var apps = state.AppUsers.Keys.Order(StringComparer.Ordinal).ToList();
            return new SandboxSeed
            {
                OrgId = state.OrgId,
                EnterpriseId = state.EnterpriseId,
                SlackAppId = state.SlackAppId,
                EnterpriseGrid = state.EnterpriseGrid,
                OtherAppIds = apps.Where(a => a != state.SlackAppId).ToList(),
                GovernanceDisabledApps = apps.Where(a => !state.GovernanceEnabledApps.Contains(a)).ToList(),
                SlackUsers = [.. state.SlackUsers.All.Select(u => new SeedSlackUser(u.Id, u.Name, u.Email, u.Deleted, u.IsBot, u.IsAdmin, u.IsOwner, u.TeamId))],
                RoleAssignments = [.. state.Assignments.All.Select(a => new SeedAssignment(a.RoleId, a.UserId, a.EntityId, a.DateCreate))],
                OktaUsers = [.. state.OktaUsers.All.Select(u => new SeedOktaUser(u.Id, u.Email, u.FirstName, u.LastName, u.Login, u.Status))],
                AppUsers = [.. state.AppUsers.OrderBy(kv => kv.Key, StringComparer.Ordinal)
                    .SelectMany(kv => kv.Value.All.Select(u => new SeedAppUser(u.UserId, u.ExternalId, u.AppId, u.Status, u.Scope)))],
                Entitlements = [.. state.Entitlements.All.Select(e => new SeedEntitlement(e.Id, e.AppId, e.Name, e.ExternalValue,
                    [.. e.Values.Select(v => new SeedEntitlementValue(v.Id, v.Name, v.ExternalValue, v.Description))], e.Description))],
                Grants = [.. state.Grants.All.Where(g => g.Status == "ACTIVE").Select(g => new SeedGrant(g.Id, g.GrantType, g.AppId, g.PrincipalUserId,
                    g.Entitlements.ToDictionary(kv => kv.Key, kv => kv.Value.ToList(), StringComparer.Ordinal), g.Actor, g.EntitlementBundleId))],
            };
        }
    }
}
