using SlackOigSync.Sandbox.Endpoints.Slack;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sandbox.Seed;
using SlackOigSync.Sandbox.State;
using static SlackOigSync.Sandbox.Endpoints.Control.ControlResults;

namespace SlackOigSync.Sandbox.Endpoints.Control;

/// <summary>
/// Control endpoints for the emulated Slack (no auth, like all of /_sandbox): change role assignments and members, a
/// token's scopes (to play an admin who reinstalls the app); GET slack/messages lists every message posted, in order,
/// DELETE slack/messages forgets them, DELETE slack/webhooks/{path} removes a hook so that it answers 404 no_service.
/// </summary>
internal static class SlackControlEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/_sandbox/slack");
        control.MapPost("assignments", (SeedAssignment a, SandboxState s) => Locked(s, () =>
        {
            if (s.SlackUsers.Find(a.UserId) is null)
            {
                return Refuse($"unknown Slack user {a.UserId}");
            }

            s.AddAssignment(a.RoleId, a.UserId, a.EntityId, a.DateCreate == 0 ? null : a.DateCreate);
            return Results.NoContent();
        })).WithName("control:add-assignment");
        control.MapDelete("assignments", (string roleId, string userId, string? entityId, SandboxState s) =>
            Locked(s, () => Results.Ok(new { removed = s.RemoveAssignments(roleId, userId, entityId) }))).WithName("control:remove-assignment");
        control.MapPut("users/{id}", (string id, SeedSlackUser u, SandboxState s) => Locked(s, () =>
        {
            SlackUserChanges.Put(s, id, u.Name, u.Email, u.Deleted, u.IsBot, u.TeamId);
            return Results.NoContent();
        })).WithName("control:put-slack-user");

        control.MapPut("tokens/{token}/scopes", (string token, ScopeList body, SlackTokenScopes scopes) =>
            body.Scopes is null
                ? Refuse("scopes is required (an empty list takes every scope away)")
                : scopes.Set(token, body.Scopes) ? Results.NoContent() : Results.NotFound()).WithName("control:set-slack-token-scopes");
        control.MapDelete("tokens/{token}/scopes", (string token, SlackTokenScopes scopes) =>
            scopes.Reset(token) ? Results.NoContent() : Results.NotFound()).WithName("control:reset-slack-token-scopes");

        control.MapGet("messages", (SlackMessageLog log) => Json(SlackJson.PostedMessages(log.All())))
            .WithName("control:slack-messages");
        control.MapDelete("messages", (SlackMessageLog log) =>
        {
            log.Clear();
            return Results.NoContent();
        }).WithName("control:clear-slack-messages");
        control.MapDelete("webhooks/{**hook}", (string hook, SlackMessageLog log) =>
        {
            log.RemoveHook(hook);
            return Results.NoContent();
        }).WithName("control:remove-slack-webhook");
    }

    internal sealed record ScopeList(List<string>? Scopes);
}
