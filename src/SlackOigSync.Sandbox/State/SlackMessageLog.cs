using System.Globalization;
using System.Text.Json.Nodes;

namespace SlackOigSync.Sandbox.State;

/// <summary>
/// What was posted to the emulated Slack, in order, readable at GET /_sandbox/slack/messages; and the incoming webhooks
/// a test removed (they answer 404 no_service from then on). Kept apart from <see cref="SandboxState"/>: messages are
/// output, not part of the Slack, Okta and OIG truth that state snapshots compare.
/// </summary>
public sealed class SlackMessageLog(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly List<PostedSlackMessage> _messages = [];
    private readonly HashSet<string> _removedHooks = new(StringComparer.Ordinal);
    private long _sequence;

    public PostedSlackMessage Add(string via, string? hook, string? channel, string? channelId, string? text, JsonArray? blocks)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();

            // Slack's ts: epoch seconds and a six-digit sequence, unique per channel; here unique per sandbox.
            var ts = string.Create(CultureInfo.InvariantCulture, $"{now.ToUnixTimeSeconds()}.{++_sequence:D6}");
            var message = new PostedSlackMessage(via, hook, channel, channelId, text, blocks, ts, now);
            _messages.Add(message);
            return message;
        }
    }

    public IReadOnlyList<PostedSlackMessage> All()
    {
        lock (_gate)
        {
            return [.. _messages];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _messages.Clear();
        }
    }

    /// <summary>Plays an admin removing the webhook (or uninstalling its app): its path answers 404 no_service.</summary>
    public void RemoveHook(string hook)
    {
        lock (_gate)
        {
            _removedHooks.Add(hook.Trim('/'));
        }
    }

    public bool IsRemoved(string hook)
    {
        lock (_gate)
        {
            return _removedHooks.Contains(hook.Trim('/'));
        }
    }
}
