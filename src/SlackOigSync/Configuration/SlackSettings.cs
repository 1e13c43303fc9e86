namespace SlackOigSync.Configuration;

/// <summary>Configuration section "Slack".</summary>
public sealed class SlackSettings
{
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>A user token (xoxp-…) of an app installed org-wide, with admin.roles:read, users:read, users:read.email.</summary>
    public string? Token { get; set; }

    /// <summary>A file holding Slack:Token (a Kubernetes or systemd secret); trailing whitespace is trimmed.</summary>
    public string? TokenFile { get; set; }
}
