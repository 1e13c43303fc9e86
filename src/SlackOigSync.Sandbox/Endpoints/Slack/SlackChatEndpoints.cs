using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sandbox.State;

namespace SlackOigSync.Sandbox.Endpoints.Slack;

/// <summary>
/// Slack's chat.postMessage (scope chat:write; form, query or JSON body): channel required, text and/or blocks (a JSON
/// array, or its JSON text in a form). Answers {"ok": true, "channel": "C…", "ts": "…", "message": {…}}, or Slack's
/// errors: not_authed, invalid_auth, missing_scope, channel_not_found (no channel, or one not shaped like a channel),
/// no_text, msg_too_long (over 40,000 characters), invalid_blocks_format (blocks not JSON), invalid_blocks.
/// Looser than Slack: any well-formed id (C…, G…, D…) or name (#name or name, lower case) is an existing channel the
/// bot is a member of, so not_in_channel and is_archived never occur; a name is answered with a stable made-up id.
/// </summary>
internal static partial class SlackChatEndpoints
{
    private const int MaxTextLength = 40000;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGroup("/slack/api").MapMethods("chat.postMessage", ["GET", "POST"], PostMessage).WithName("slack:chat.postMessage");
    }

    private static async Task<IResult> PostMessage(HttpContext context, SandboxTokens tokens, SlackMessageLog messages)
    {
        var request = await SlackRequest.ReadAsync(context);
        if (request.Authorize(tokens, "chat.postMessage", "chat:write", out _) is { } denied)
        {
            return denied;
        }

        var channel = request.Arg("channel")?.Trim();
        if (channel is null || !(ChannelId().IsMatch(channel) || ChannelName().IsMatch(channel)))
        {
            return SlackErrors.Error("channel_not_found");
        }

        JsonArray? blocks = null;
        if (request.Arg("blocks") is { } raw)
        {
            try
            {
                blocks = JsonNode.Parse(raw) as JsonArray;
            }
            catch (JsonException)
            {
            }

            if (blocks is null)
            {
                return SlackErrors.Error("invalid_blocks_format");
            }

            if (BlockKitCheck.Problem(blocks) is { } problem)
            {
                return SlackErrors.WithReasons("invalid_blocks", problem);
            }
        }

        var text = request.Arg("text");
        if (text is null && blocks is null)
        {
            return SlackErrors.Error("no_text");
        }

        if (text?.Length > MaxTextLength)
        {
            return SlackErrors.Error("msg_too_long");
        }

        var channelId = ChannelId().IsMatch(channel) ? channel : NameToId(channel);
        var posted = messages.Add(PostedSlackMessage.ViaChatPostMessage, null, channel, channelId, text, blocks);
        return SlackJson.Ok(context, SlackJson.PostedMessage(posted, channelId, text, blocks));
    }

    /// <summary>The same made-up channel id for the same name, every time.</summary>
    private static string NameToId(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name.TrimStart('#')));
        return "C0" + Convert.ToHexString(hash)[..9];
    }

    [GeneratedRegex("^[CGD][0-9A-Z]{8,}$")]
    private static partial Regex ChannelId();

    [GeneratedRegex("^#?[a-z0-9][a-z0-9._-]{0,79}$")]
    private static partial Regex ChannelName();
}
