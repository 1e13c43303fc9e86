using SlackOigSync.Storage;

namespace SlackOigSync.Alerts;

/// <summary>
/// Problems with the Alerts section, one sentence each, naming the setting. The webhook URL and the bot token are
/// secrets: their values are never repeated (a webhook's host is, as it says which service is meant).
/// </summary>
public static class AlertSettingsValidator
{
    public const int MaxChannelLength = 80;

    public static List<string> Validate(AlertSettings alerts)
    {
        var problems = new List<string>();
        AlertSettings.ParseStatuses(alerts.On, out var unknown);
        if (unknown.Count > 0)
        {
            problems.Add($"Alerts:On '{alerts.On}' has {string.Join(", ", unknown.Select(u => $"'{u}'"))}, which is not a run status; list any of {string.Join(", ", RunStatusExtensions.Ended)} separated by commas, e.g. {AlertSettings.DefaultStatuses} (the default), or None.");
        }

        if (alerts.UsesWebhook && alerts.UsesBotToken)
        {
            problems.Add("Alerts:SlackWebhookUrl and Alerts:SlackBotToken are both set; set one: an incoming webhook, or a bot token with Alerts:SlackChannel.");
        }

        if (alerts.UsesWebhook && WebhookProblem(alerts.SlackWebhookUrl!.Trim()) is { } webhook)
        {
            problems.Add(webhook);
        }

        if (alerts.UsesBotToken)
        {
            var token = alerts.SlackBotToken!.Trim();
            if (token.Any(char.IsWhiteSpace))
            {
                problems.Add("Alerts:SlackBotToken has whitespace inside it (value not shown); a token is one unbroken string, so check that the secret holds only the token, on one line.");
            }
            else if (!token.StartsWith("xoxb-", StringComparison.Ordinal))
            {
                problems.Add("Alerts:SlackBotToken is not a bot token (value not shown): use the bot token (xoxb-…) of a Slack app with the chat:write scope, never Slack:Token, the admin user token.");
            }

            if (string.IsNullOrWhiteSpace(alerts.SlackChannel))
            {
                problems.Add("Alerts:SlackChannel is not set; with Alerts:SlackBotToken, set it to the channel to post in, by id (C…, in the channel's details) or #name, and invite the app to that channel.");
            }
        }

        if (!string.IsNullOrWhiteSpace(alerts.SlackChannel))
        {
            var channel = alerts.SlackChannel.Trim();
            if (!alerts.UsesBotToken)
            {
                problems.Add(alerts.UsesWebhook
                    ? "Alerts:SlackChannel is set with Alerts:SlackWebhookUrl, but an incoming webhook posts only to the channel it was created for; remove Alerts:SlackChannel, or use Alerts:SlackBotToken instead of the webhook."
                    : "Alerts:SlackChannel is set but Alerts:SlackBotToken is not; set the bot token (xoxb-…) that posts in it, or remove Alerts:SlackChannel.");
            }
            else if (channel.TrimStart('#').Length is 0 or > MaxChannelLength || channel.Any(char.IsWhiteSpace) || channel.LastIndexOf('#') > 0 || channel.Contains(','))
            {
                problems.Add($"Alerts:SlackChannel '{alerts.SlackChannel}' is not a channel; give one channel's id (e.g. C0123456789) or its name (e.g. #iam-alerts), without spaces.");
            }
        }

        if (!alerts.Enabled && (alerts.OnRevocation || alerts.OnUnresolvedHolders))
        {
            var setting = alerts.OnRevocation ? "Alerts:OnRevocation" : "Alerts:OnUnresolvedHolders";
            problems.Add($"{setting} is true, but neither Alerts:SlackWebhookUrl nor Alerts:SlackBotToken is set, so no alert can be posted; set one, or remove {setting}.");
        }

        return problems;
    }

    /// <summary>
    /// An absolute https URL without user info. Plain http is allowed only to a loopback address (the sandbox, a local
    /// relay): anywhere else the URL, which is the webhook's only credential, would cross the network readable.
    /// </summary>
    private static string? WebhookProblem(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            return "Alerts:SlackWebhookUrl is not an absolute https URL (value not shown: it is a secret); copy it from the Slack app's Incoming Webhooks page, e.g. https://hooks.slack.com/services/T…/B…/….";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "Alerts:SlackWebhookUrl carries a user name or password before the host (value not shown); use the webhook URL exactly as Slack gives it.";
        }

        if (uri.Scheme == "http" && !uri.IsLoopback)
        {
            return $"Alerts:SlackWebhookUrl uses plain http to {uri.Host}; the URL is the webhook's only credential and would cross the network unencrypted: use https (plain http is allowed only for loopback addresses such as a local sandbox).";
        }

        return uri.AbsolutePath.Trim('/').Length == 0
            ? $"Alerts:SlackWebhookUrl names only the host {uri.Host}, not a webhook; copy the whole URL from the Slack app's Incoming Webhooks page."
            : null;
    }
}
