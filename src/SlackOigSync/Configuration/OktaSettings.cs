namespace SlackOigSync.Configuration;

/// <summary>Configuration section "Okta".</summary>
public sealed class OktaSettings
{
    /// <summary>https://{yourOrg}.okta.com</summary>
    public string? OrgUrl { get; set; }

    /// <summary>An API token, sent as "SSWS …". Set this or AccessToken, not both.</summary>
    public string? ApiToken { get; set; }

    /// <summary>An OAuth 2.0 access token, sent as "Bearer …".</summary>
    public string? AccessToken { get; set; }

    /// <summary>The id (0oa…) of the Okta app that represents Slack.</summary>
    public string? SlackAppId { get; set; }
}
