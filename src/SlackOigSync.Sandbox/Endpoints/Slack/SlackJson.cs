using System.Text.Json.Nodes;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sandbox.State;

namespace SlackOigSync.Sandbox.Endpoints.Slack;

/// <summary>
/// Slack's wire shapes, field for field as Slack's own SDK records them, and the control API's view of posted messages.
/// Error bodies are <see cref="SlackErrors"/>'.
/// </summary>
internal static class SlackJson
{
    public static JsonObject User(SlackUser u, SandboxState state, bool withEmail)
    {
        var profile = new JsonObject
        {
            ["title"] = string.Empty,
            ["phone"] = string.Empty,
            ["real_name"] = u.Name,
            ["real_name_normalized"] = u.Name,
            ["display_name"] = u.Name,
            ["display_name_normalized"] = u.Name,
            ["status_text"] = string.Empty,
            ["status_emoji"] = string.Empty,
            ["first_name"] = u.Name,
            ["last_name"] = string.Empty,
            ["team"] = u.TeamId,
        };
        if (withEmail && u.Email is not null)
        {
            profile["email"] = u.Email;
        }

        return new JsonObject
        {
            ["id"] = u.Id,
            ["team_id"] = u.TeamId,
            ["name"] = u.Name,
            ["deleted"] = u.Deleted,
            ["real_name"] = u.Name,
            ["tz"] = "Europe/London",
            ["tz_label"] = "Greenwich Mean Time",
            ["tz_offset"] = 0,
            ["profile"] = profile,
            ["is_admin"] = u.IsAdmin,
            ["is_owner"] = u.IsOwner,
            ["is_primary_owner"] = false,
            ["is_restricted"] = false,
            ["is_ultra_restricted"] = false,
            ["is_bot"] = u.IsBot,
            ["is_app_user"] = false,
            ["updated"] = 1_700_000_000,
            ["has_2fa"] = true,
            ["enterprise_user"] = new JsonObject
            {
                ["id"] = u.Id,
                ["enterprise_id"] = state.EnterpriseId,
                ["enterprise_name"] = "Sandbox Grid",
                ["is_admin"] = u.IsAdmin,
                ["is_owner"] = u.IsOwner,
                ["is_primary_owner"] = false,
                ["teams"] = new JsonArray(u.TeamId),
            },
            ["teams"] = new JsonArray(u.TeamId),
            ["enterprise_id"] = state.EnterpriseId,
            ["enterprise_name"] = "Sandbox Grid",
        };
    }

    public static JsonObject AdminUser(SlackUser u) => new()
    {
        ["id"] = u.Id,
        ["email"] = u.Email ?? string.Empty,
        ["is_admin"] = u.IsAdmin,
        ["is_owner"] = u.IsOwner,
        ["is_primary_owner"] = false,
        ["is_restricted"] = false,
        ["is_ultra_restricted"] = false,
        ["is_bot"] = u.IsBot,
        ["username"] = u.Name,
        ["full_name"] = u.Name,
        ["is_active"] = !u.Deleted,
        ["date_created"] = 1_600_000_000,
        ["workspaces"] = new JsonArray(u.TeamId),
        ["has_2fa"] = true,
        ["has_sso"] = true,
    };

    public static JsonObject Assignment(SlackRoleAssignment a) => new()
    {
        ["role_id"] = a.RoleId,
        ["entity_id"] = a.EntityId,
        ["user_id"] = a.UserId,
        ["date_create"] = a.DateCreate,
    };

    /// <summary>chat.postMessage's answer (before "ok" is added): the channel, the ts and the message as Slack stored it.</summary>
    public static JsonObject PostedMessage(PostedSlackMessage posted, string channelId, string? text, JsonArray? blocks)
    {
        var message = new JsonObject { ["type"] = "message", ["subtype"] = "bot_message", ["text"] = text ?? string.Empty, ["bot_id"] = "B0SANDBOX01", ["ts"] = posted.Ts };
        if (blocks is not null)
        {
            message["blocks"] = blocks.DeepClone();
        }

        return new JsonObject { ["channel"] = channelId, ["ts"] = posted.Ts, ["message"] = message };
    }

    /// <summary>Every message posted through webhooks and chat.postMessage, in order, as GET /_sandbox/slack/messages lists them.</summary>
    public static JsonObject PostedMessages(IEnumerable<PostedSlackMessage> messages) =>
        new() { ["messages"] = new JsonArray([.. messages.Select(Posted)]) };

    /// <summary>
    /// A successful answer: "ok": true first, then <paramref name="body"/>, after any pending answer fault for the request's
    /// endpoint has had its way with it. <paramref name="listField"/> names the answer's list, if it has one;
    /// <paramref name="repeatCursor"/> is a cursor that serves this page again (for RepeatNextLink).
    /// </summary>
    public static IResult Ok(HttpContext context, JsonObject body, string? listField = null, string? repeatCursor = null)
    {
        var ok = new JsonObject { ["ok"] = true };
        foreach (var (key, value) in body.ToList())
        {
            body.Remove(key);
            ok[key] = value;
        }

        return context.RequestServices.GetRequiredService<AnswerFaults>().Answer(context, ok, AnswerShape.Slack(listField, repeatCursor));
    }

    public static JsonObject Metadata(string? nextCursor) => new() { ["next_cursor"] = nextCursor ?? string.Empty };

    private static JsonNode Posted(PostedSlackMessage m) => new JsonObject
    {
        ["via"] = m.Via,
        ["hook"] = m.Hook,
        ["channel"] = m.Channel,
        ["channelId"] = m.ChannelId,
        ["ts"] = m.Ts,
        ["receivedAt"] = m.ReceivedAt.ToString("O"),
        ["text"] = m.Text,
        ["blocks"] = m.Blocks?.DeepClone(),
    };
}
