using System.Text.Json;
using SlackOigSync.Sandbox.State;

namespace SlackOigSync.Sandbox.Seed;

/// <summary>Reads a seed document and turns it into sandbox state, refusing seeds that contradict themselves.</summary>
public static class SeedLoader
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static SandboxSeed ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<SandboxSeed>(stream, Json)
            ?? throw new InvalidDataException($"Seed file '{path}' is empty.");
    }

    public static SandboxState Load(SandboxSeed seed, int randomSeed, TimeProvider clock)
    {
        var state = new SandboxState(new IdFactory(randomSeed), clock)
        {
            OrgId = seed.OrgId,
            EnterpriseId = seed.EnterpriseId,
            SlackAppId = seed.SlackAppId,
            EnterpriseGrid = seed.EnterpriseGrid,
        };
        var now = clock.GetUtcNow();

        state.AddApp(seed.SlackAppId, !seed.GovernanceDisabledApps.Contains(seed.SlackAppId));
        foreach (var app in seed.OtherAppIds)
        {
            state.AddApp(app, !seed.GovernanceDisabledApps.Contains(app));
        }

        foreach (var u in seed.SlackUsers)
        {
            Require(state.SlackUsers.Add(u.Id, new SlackUser
            {
                Id = u.Id, Name = u.Name, Email = u.Email, Deleted = u.Deleted, IsBot = u.IsBot,
                IsAdmin = u.IsAdmin, IsOwner = u.IsOwner, TeamId = u.TeamId ?? seed.DefaultTeamId,
            }), $"duplicate Slack user {u.Id}");
        }

        foreach (var a in seed.RoleAssignments)
        {
            Require(state.SlackUsers.Find(a.UserId) is not null, $"assignment names unknown Slack user {a.UserId}");
            state.AddAssignment(a.RoleId, a.UserId, a.EntityId, a.DateCreate);
        }

        foreach (var u in seed.OktaUsers)
        {
            Require(state.OktaUsers.Add(u.Id, new OktaUser
            {
                Id = u.Id, Email = u.Email, Login = u.Login ?? u.Email, FirstName = u.FirstName, LastName = u.LastName, Status = u.Status,
            }), $"duplicate Okta user {u.Id}");
        }

        foreach (var au in seed.AppUsers)
        {
            var appId = au.AppId ?? seed.SlackAppId;
            var user = state.OktaUsers.Find(au.UserId);
            Require(user is not null, $"app user names unknown Okta user {au.UserId}");
            Require(state.AppUsers.TryGetValue(appId, out var store), $"app user names unknown app {appId}");
            store!.Add(au.UserId, new OktaAppUser
            {
                AppId = appId, UserId = au.UserId, ExternalId = au.ExternalId, UserName = user!.Login, Status = au.Status, Scope = au.Scope,
            });
        }

        foreach (var e in seed.Entitlements)
        {
            Require(state.AppExists(e.AppId), $"entitlement {e.Id} names unknown app {e.AppId}");
            var entitlement = new OigEntitlement
            {
                Id = e.Id, AppId = e.AppId, Name = e.Name, ExternalValue = e.ExternalValue, Description = e.Description,
                Created = now, LastUpdated = now,
            };
            entitlement.Values.AddRange(e.Values.Select(v => new OigEntitlementValue
            {
                Id = v.Id, EntitlementId = e.Id, Name = v.Name, ExternalValue = v.ExternalValue, Description = v.Description,
                Created = now, LastUpdated = now,
            }));
            state.Entitlements.Add(e.Id, entitlement);
        }

        foreach (var g in seed.Grants)
        {
            var grant = new OigGrant
            {
                Id = g.Id, GrantType = g.GrantType, AppId = g.AppId, PrincipalUserId = g.UserId, Actor = g.Actor,
                EntitlementBundleId = g.EntitlementBundleId, Created = now, LastUpdated = now, Status = g.Status,
            };
            Require(SeedGrant.Statuses.Contains(g.Status), $"grant {g.Id} has status {g.Status}, not one of {string.Join(", ", SeedGrant.Statuses)}");
            foreach (var (entitlementId, valueIds) in g.Values)
            {
                foreach (var valueId in valueIds)
                {
                    var found = state.FindValue(valueId);
                    Require(found?.Entitlement.Id == entitlementId, $"grant {g.Id} names value {valueId} that is not in entitlement {entitlementId}");
                }

                grant.Entitlements[entitlementId] = [.. valueIds];
            }

            state.Grants.Add(g.Id, grant);
        }

        return state;
    }

    private static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new InvalidDataException($"Invalid sandbox seed: {problem}.");
        }
    }
}
