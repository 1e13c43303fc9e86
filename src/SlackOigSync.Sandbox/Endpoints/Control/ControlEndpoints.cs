using System.Text.Json;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sandbox.Seed;
using SlackOigSync.Sandbox.State;

namespace SlackOigSync.Sandbox.Endpoints.Control;

/// <summary>
/// The sandbox's own API under /_sandbox: read the whole state, change the Slack truth and the Okta side,
/// change a Slack token's scopes, read request counters, inject faults (random ones per endpoint, one-shot ones in
/// answer bodies) and set rate budgets. Exempt from counters, budgets and faults.
/// </summary>
internal static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/_sandbox");
        control.MapGet("state", (SandboxState s) => Json(SandboxSnapshot.Take(s))).WithName("control:state");

        control.MapPost("slack/assignments", (SeedAssignment a, SandboxState s) => Locked(s, () =>
        {
            if (s.SlackUsers.Find(a.UserId) is null)
            {
                return Results.BadRequest(new { error = $"unknown Slack user {a.UserId}" });
            }

            s.AddAssignment(a.RoleId, a.UserId, a.EntityId, a.DateCreate == 0 ? null : a.DateCreate);
            return Results.NoContent();
        })).WithName("control:add-assignment");
        control.MapDelete("slack/assignments", (string roleId, string userId, string? entityId, SandboxState s) =>
            Locked(s, () => Results.Ok(new { removed = s.RemoveAssignments(roleId, userId, entityId) }))).WithName("control:remove-assignment");
        control.MapPut("slack/users/{id}", (string id, SeedSlackUser u, SandboxState s) => Locked(s, () =>
        {
            if (s.SlackUsers.Find(id) is { } existing)
            {
                existing.Name = u.Name;
                existing.Email = u.Email;
                existing.Deleted = u.Deleted;
                existing.IsBot = u.IsBot;
            }
            else
            {
                s.SlackUsers.Add(id, new SlackUser { Id = id, Name = u.Name, Email = u.Email, Deleted = u.Deleted, IsBot = u.IsBot, TeamId = u.TeamId ?? "T0SANDBOX01" });
            }

            return Results.NoContent();
        })).WithName("control:put-slack-user");

        control.MapPut("slack/tokens/{token}/scopes", (string token, ScopeList body, SlackTokenScopes scopes) =>
            body.Scopes is null
                ? Results.BadRequest(new { error = "scopes is required (an empty list takes every scope away)" })
                : scopes.Set(token, body.Scopes) ? Results.NoContent() : Results.NotFound()).WithName("control:set-slack-token-scopes");
        control.MapDelete("slack/tokens/{token}/scopes", (string token, SlackTokenScopes scopes) =>
            scopes.Reset(token) ? Results.NoContent() : Results.NotFound()).WithName("control:reset-slack-token-scopes");

        control.MapPut("okta/users/{id}", (string id, SeedOktaUser u, SandboxState s) => Locked(s, () =>
        {
            s.OktaUsers.Remove(id);
            s.OktaUsers.Add(id, new OktaUser { Id = id, Email = u.Email, Login = u.Login ?? u.Email, FirstName = u.FirstName, LastName = u.LastName, Status = u.Status });
            return Results.NoContent();
        })).WithName("control:put-okta-user");
        control.MapPut("okta/apps/{appId}/users/{userId}", (string appId, string userId, SeedAppUser u, SandboxState s) => Locked(s, () =>
        {
            if (!s.AppUsers.TryGetValue(appId, out var store) || s.OktaUsers.Find(userId) is not { } user)
            {
                return Results.NotFound();
            }

            store.Remove(userId);
            store.Add(userId, new OktaAppUser { AppId = appId, UserId = userId, ExternalId = u.ExternalId, UserName = user.Login, Status = u.Status, Scope = u.Scope });
            return Results.NoContent();
        })).WithName("control:put-app-user");
        control.MapDelete("okta/apps/{appId}/users/{userId}", (string appId, string userId, SandboxState s) =>
            Locked(s, () => s.AppUsers.TryGetValue(appId, out var store) && store.Remove(userId) ? Results.NoContent() : Results.NotFound()))
            .WithName("control:remove-app-user");

        control.MapPost("oig/grants", (SeedGrant g, SandboxState s) => Locked(s, () =>
        {
            var status = g.Status ?? "ACTIVE";
            if (!SeedGrant.Statuses.Contains(status))
            {
                return Results.BadRequest(new { error = $"status must be one of {string.Join(", ", SeedGrant.Statuses)}" });
            }

            var now = s.Clock.GetUtcNow();
            var grant = new OigGrant
            {
                Id = string.IsNullOrEmpty(g.Id) ? s.Ids.Okta("0gg") : g.Id, GrantType = g.GrantType, AppId = g.AppId, PrincipalUserId = g.UserId,
                Actor = g.Actor, EntitlementBundleId = g.EntitlementBundleId, Created = now, LastUpdated = now, Status = status,
            };
            foreach (var (entitlementId, values) in g.Values)
            {
                grant.Entitlements[entitlementId] = [.. values];
            }

            return s.Grants.Add(grant.Id, grant) ? Results.Ok(new { id = grant.Id }) : Results.Conflict();
        })).WithName("control:add-grant");
        control.MapPut("oig/grants/listing", (GrantListing body, SandboxState s) => Locked(s, () =>
        {
            s.ListGrantsOfEveryStatus = body.EveryStatus;
            return Results.NoContent();
        })).WithName("control:grant-listing");
        control.MapPut("oig/apps/{appId}/governance", (string appId, GovernanceSwitch body, SandboxState s) => Locked(s, () =>
        {
            if (body.Enabled)
            {
                s.GovernanceEnabledApps.Add(appId);
            }
            else
            {
                s.GovernanceEnabledApps.Remove(appId);
            }

            return Results.NoContent();
        })).WithName("control:governance-switch");

        control.MapGet("counters", (SandboxTraffic t) => Results.Ok(new { requests = t.Requests, faults = t.InjectedFaults, rateLimited = t.BudgetRejections })).WithName("control:counters");
        control.MapDelete("counters", (SandboxTraffic t) =>
        {
            t.ResetCounters();
            return Results.NoContent();
        }).WithName("control:reset-counters");
        control.MapPut("faults", (FaultSettings f, SandboxTraffic t) =>
        {
            t.Configure(f);
            return Results.NoContent();
        }).WithName("control:faults");
        control.MapDelete("faults", (SandboxTraffic t) =>
        {
            t.Configure(new FaultSettings());
            return Results.NoContent();
        }).WithName("control:faults-off");
        control.MapGet("faults/answers", (AnswerFaults f) => Results.Ok(f.Pending)).WithName("control:answer-faults");
        control.MapPost("faults/answers", (AnswerFault fault, AnswerFaults f) =>
        {
            if (f.Problem(fault) is { } problem)
            {
                return Results.BadRequest(new { error = problem });
            }

            f.Add(fault);
            return Results.NoContent();
        }).WithName("control:add-answer-fault");
        control.MapDelete("faults/answers", (AnswerFaults f) =>
        {
            f.Clear();
            return Results.NoContent();
        }).WithName("control:clear-answer-faults");
        control.MapPut("rate-limits", (RateLimitSettings r, SandboxTraffic t) =>
        {
            t.Configure(r);
            return Results.NoContent();
        }).WithName("control:rate-limits");
    }

    private static IResult Json(object value) => Results.Content(JsonSerializer.Serialize(value, SeedLoader.Json), "application/json");

    private static IResult Locked(SandboxState state, Func<IResult> action)
    {
        lock (state.Gate)
        {
            return action();
        }
    }

    internal sealed record GovernanceSwitch(bool Enabled);

    /// <summary>EveryStatus: list grants of every status; false lists ACTIVE ones only, as Okta documents.</summary>
    internal sealed record GrantListing(bool EveryStatus);

    internal sealed record ScopeList(List<string>? Scopes);
}
