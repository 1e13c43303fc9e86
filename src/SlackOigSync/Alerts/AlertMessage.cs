using System.Text.Json.Nodes;

namespace SlackOigSync.Alerts;

/// <summary>
/// One alert as Slack takes it: Block Kit <paramref name="Blocks"/> and the plain <paramref name="Text"/> Slack shows in
/// notifications and reads to screen readers.
/// </summary>
public sealed record AlertMessage(string Text, JsonArray Blocks)
{
    /// <summary>The JSON body: for an incoming webhook (no channel: the hook has its own), or chat.postMessage (with one).</summary>
    public JsonObject ToPayload(string? channel = null)
    {
        var payload = new JsonObject();
        if (channel is not null)
        {
            payload["channel"] = channel;
        }

        payload["text"] = Text;
        payload["blocks"] = Blocks.DeepClone();
        return payload;
    }
}
