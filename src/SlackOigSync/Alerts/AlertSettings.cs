using SlackOigSync.Storage;

namespace SlackOigSync.Alerts;

/// <summary>
/// Configuration section "Alerts": where a run's alert goes (an incoming webhook, or chat.postMessage with a bot token
/// and a channel) and which runs deserve one. With neither destination set, alerts are off.
/// </summary>
public sealed class AlertSettings
{
    public const string DefaultStatuses = "Failed,Partial,Blocked";

    /// <summary>An incoming webhook URL (https://hooks.slack.com/services/…). A secret: whoever has it can post.</summary>
    public string? SlackWebhookUrl { get; set; }

    /// <summary>A file holding Alerts:SlackWebhookUrl (a Kubernetes or systemd secret).</summary>
    public string? SlackWebhookUrlFile { get; set; }

    /// <summary>A bot token (xoxb-…) with chat:write, for chat.postMessage; needs <see cref="SlackChannel"/>.</summary>
    public string? SlackBotToken { get; set; }

    /// <summary>A file holding Alerts:SlackBotToken.</summary>
    public string? SlackBotTokenFile { get; set; }

    /// <summary>chat.postMessage only: the channel id (C…, G…) or #name the bot posts in.</summary>
    public string? SlackChannel { get; set; }

    /// <summary>The run statuses that post an alert, comma-separated names of the statuses a run ends with (<see cref="RunStatusExtensions.Ended"/>); empty for none.</summary>
    public string On { get; set; } = DefaultStatuses;

    /// <summary>Also alert when a run revoked any grant, whatever its status.</summary>
    public bool OnRevocation { get; set; }

    /// <summary>Also alert when a run left Slack role holders it could not match to an Okta user.</summary>
    public bool OnUnresolvedHolders { get; set; }

    public bool UsesWebhook => !string.IsNullOrWhiteSpace(SlackWebhookUrl);

    public bool UsesBotToken => !string.IsNullOrWhiteSpace(SlackBotToken);

    /// <summary>Whether any alert can be posted at all.</summary>
    public bool Enabled => UsesWebhook || UsesBotToken;

    /// <summary>The statuses of <see cref="On"/> (valid once the settings passed validation).</summary>
    public IReadOnlySet<RunStatus> Statuses => ParseStatuses(On, out _);

    /// <summary>The secrets to keep out of every message: the webhook URL (and its path, which alone is enough to post) and the bot token.</summary>
    public IEnumerable<string?> Secrets()
    {
        yield return SlackWebhookUrl;
        yield return SlackBotToken;
        if (Uri.TryCreate(SlackWebhookUrl, UriKind.Absolute, out var hook))
        {
            yield return hook.PathAndQuery;
        }
    }

    /// <summary>Reads "Failed, Blocked" (case-insensitive; "" or "None" for no status); <paramref name="unknown"/> lists what is not a status.</summary>
    public static IReadOnlySet<RunStatus> ParseStatuses(string? text, out IReadOnlyList<string> unknown)
    {
        var statuses = new HashSet<RunStatus>();
        var bad = new List<string>();
        foreach (var word in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (word.Equals("None", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // Names only: Enum.TryParse would also take "1" or "Failed, Partial" as one value.
            if (RunStatusExtensions.Ended.Where(s => s.ToString().Equals(word, StringComparison.OrdinalIgnoreCase)).ToList() is [var status])
            {
                statuses.Add(status);
            }
            else
            {
                bad.Add(word);
            }
        }

        unknown = bad;
        return statuses;
    }
}
