namespace SlackOigSync.Slack;

/// <summary>What each Slack error means for the person running the sync, and what to do about it.</summary>
public static class SlackErrorHint
{
    public static string For(string? error, string? needed, string? provided) => error switch
    {
        "missing_scope" => $"the Slack token lacks the '{needed}' scope (it has: {provided}). Add '{needed}' to the Slack app's user token scopes and reinstall the app org-wide.",
        "not_allowed_token_type" => "this method needs a user token (xoxp-) from an app installed org-wide by an Org Admin or Owner; bot tokens cannot call admin methods. Set Slack:Token to a user token.",
        "not_authed" => "no Slack token was sent. Set Slack:Token.",
        "invalid_auth" or "token_revoked" or "token_expired" or "account_inactive" =>
            $"the Slack token was refused ({error}). Create a new user token for the org-wide install and set Slack:Token.",
        "feature_not_enabled" or "not_an_enterprise" or "team_not_on_enterprise" or "not_allowed" =>
            $"Slack refused the admin API ({error}): admin.roles.* needs Slack Enterprise Grid and the app installed at the org level.",
        "ratelimited" => "Slack kept rate-limiting after every retry; run again later.",
        "invalid_cursor" => "Slack refused the paging cursor; run again (the listing restarts from the first page).",
        _ => $"Slack answered '{error}'.",
    };
}
