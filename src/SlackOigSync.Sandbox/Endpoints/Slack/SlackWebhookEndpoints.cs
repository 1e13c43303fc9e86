using System.Text.Json;
using System.Text.Json.Nodes;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sandbox.State;

namespace SlackOigSync.Sandbox.Endpoints.Slack;

/// <summary>
/// Slack's incoming webhooks under /slack/webhooks/ (Slack's are https://hooks.slack.com/services/T…/B…/…). The URL is
/// the credential, so there is no Authorization header. A JSON body (or a form's payload field) with text and/or blocks
/// answers 200 "ok" as text/plain; failures are an HTTP status and a short plain-text code, as Slack answers them:
/// 400 invalid_payload (no body, not JSON, not an object), 400 no_text (neither text nor blocks), 400 invalid_blocks,
/// 404 no_service (no hook path, or a hook removed with DELETE /_sandbox/slack/webhooks/{path}).
/// Looser than Slack: every path below /slack/webhooks/ is a live hook (Slack knows its hooks and answers no_service
/// or invalid_token for the others), and 403 action_prohibited and 410 channel_is_archived never occur.
/// </summary>
internal static class SlackWebhookEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/slack/webhooks/{**hook}", Post).WithName("slack:webhook");
        app.MapPost("/slack/webhooks", () => Plain(404, "no_service")).WithName("slack:webhook-root");
    }

    private static async Task<IResult> Post(string? hook, HttpContext context, SlackMessageLog messages)
    {
        if (string.IsNullOrWhiteSpace(hook?.Trim('/')) || messages.IsRemoved(hook))
        {
            return Plain(404, "no_service");
        }

        if (await ReadPayloadAsync(context) is not { } payload)
        {
            return Plain(400, "invalid_payload");
        }

        var text = payload["text"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : null;
        var blocks = payload["blocks"];
        if (string.IsNullOrEmpty(text) && blocks is null)
        {
            // Slack's answer for a payload without any message content; its docs list only the status codes' common words.
            return Plain(400, "no_text");
        }

        if (blocks is not null && BlockKitCheck.Problem(blocks) is not null)
        {
            return Plain(400, "invalid_blocks");
        }

        messages.Add(PostedSlackMessage.ViaWebhook, hook.Trim('/'), null, null, text, (JsonArray?)blocks?.DeepClone());
        return Plain(200, "ok");
    }

    /// <summary>The JSON object posted: the body itself, or the payload field of a form (Slack takes both); null when there is none.</summary>
    private static async Task<JsonObject?> ReadPayloadAsync(HttpContext context)
    {
        try
        {
            string? json;
            if (context.Request.HasFormContentType)
            {
                var form = await context.Request.ReadFormAsync(context.RequestAborted);
                json = form["payload"].ToString();
            }
            else
            {
                using var reader = new StreamReader(context.Request.Body);
                json = await reader.ReadToEndAsync(context.RequestAborted);
            }

            return string.IsNullOrWhiteSpace(json) ? null : JsonNode.Parse(json) as JsonObject;
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or InvalidOperationException)
        {
            return null;
        }
    }

    private static IResult Plain(int status, string body) => Results.Text(body, "text/plain; charset=utf-8", statusCode: status);
}
