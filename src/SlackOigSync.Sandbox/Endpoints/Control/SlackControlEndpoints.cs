using System.Text.Json.Nodes;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sandbox.State;

namespace SlackOigSync.Sandbox.Endpoints.Control;

/// <summary>
/// Control endpoints for what was posted to the emulated Slack (no auth, like all of /_sandbox): GET
/// slack/messages lists every message in order, DELETE slack/messages forgets them, DELETE slack/webhooks/{path} removes a
/// hook so that it answers 404 no_service.
/// </summary>
internal static class SlackMessageControlEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/_sandbox/slack");
        control.MapGet("messages", (SlackMessageLog log) => Results.Content(
            new JsonObject { ["messages"] = new JsonArray([.. log.All().Select(Json)]) }.ToJsonString(SandboxJson.Options), "application/json"))
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

    private static JsonNode Json(PostedSlackMessage m) => new JsonObject
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
