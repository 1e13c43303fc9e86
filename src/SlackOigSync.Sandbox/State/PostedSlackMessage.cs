using System.Text.Json.Nodes;

namespace SlackOigSync.Sandbox.State;

/// <summary>
/// A message posted to the emulated Slack: through an incoming webhook (<see cref="Hook"/>: the path below
/// /slack/webhooks/) or chat.postMessage (<see cref="Channel"/> as given, <see cref="ChannelId"/> as answered).
/// </summary>
public sealed record PostedSlackMessage(
    string Via,
    string? Hook,
    string? Channel,
    string? ChannelId,
    string? Text,
    JsonArray? Blocks,
    string Ts,
    DateTimeOffset ReceivedAt)
{
    public const string ViaWebhook = "webhook";
    public const string ViaChatPostMessage = "chat.postMessage";
}
