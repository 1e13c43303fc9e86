namespace SlackOigSync.Alerts;

/// <summary>
/// What to do about Slack's refusal of an alert. Incoming webhooks answer an HTTP status and a short plain-text code
/// (400 invalid_payload, 403 action_prohibited, 404 no_service or channel_not_found, 410 channel_is_archived, 500
/// rollup_error); chat.postMessage answers HTTP 200 {"ok": false, "error": …}.
/// </summary>
public static class AlertErrorHint
{
    private const string Bug = "Slack could not read the message; this is a bug in slack-oig-sync: report it with the execution id";
    private const string Later = "the next alert will try again";

    public static string ForWebhook(int status, string? code) => (status, code) switch
    {
        (_, "channel_is_archived") or (410, _) => "the webhook's channel is archived; create an incoming webhook for a live channel and set Alerts:SlackWebhookUrl",
        (_, "no_service" or "channel_not_found" or "no_active_hooks") or (404, _) =>
            "the incoming webhook no longer exists (removed, or its app uninstalled) or its channel is gone; create a new one and set Alerts:SlackWebhookUrl",
        (_, "action_prohibited") => "the workspace restricts posting through this webhook; ask a Slack admin to allow it",
        (_, "invalid_token") or (403, _) => "Slack refused this webhook; create a new incoming webhook and set Alerts:SlackWebhookUrl",
        (400, _) => Bug,
        (429, _) => $"Slack is rate-limiting this webhook; {Later}",
        ( >= 500, _) => $"Slack had an internal error; {Later}",
        _ => "Slack refused the message; check the webhook on the Slack app's Incoming Webhooks page",
    };

    public static string ForChatPostMessage(string? code, string channel) => code switch
    {
        "channel_not_found" => $"Alerts:SlackChannel '{channel}' is not a channel the bot can see; use the channel's id (C…, in its details) and invite the app to it",
        "not_in_channel" => $"the bot is not a member of Alerts:SlackChannel '{channel}'; invite the app to it (/invite @app-name)",
        "is_archived" => $"Alerts:SlackChannel '{channel}' is archived; choose a live channel",
        "not_authed" or "invalid_auth" or "token_revoked" or "token_expired" or "account_inactive" =>
            "Alerts:SlackBotToken was refused; create a new bot token for the app and set Alerts:SlackBotToken",
        "missing_scope" => "Alerts:SlackBotToken lacks the chat:write scope; add it to the app's bot token scopes and reinstall the app",
        "not_allowed_token_type" => "Alerts:SlackBotToken is not a token that may post; use the app's bot token (xoxb-)",
        "ratelimited" or "rate_limited" => $"Slack is rate-limiting the bot; {Later}",
        "invalid_blocks" or "invalid_blocks_format" or "no_text" or "msg_too_long" or "invalid_arguments" or "invalid_json" or "json_not_object" => Bug,
        "internal_error" or "fatal_error" or "service_unavailable" => $"Slack had an internal error; {Later}",
        _ => "Slack refused the message",
    };
}
