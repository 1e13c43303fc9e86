namespace SlackOigSync.Sandbox.Infrastructure;

/// <summary>The credentials the sandbox accepts, and what each may do. They are test values, printed on start.</summary>
public sealed record SandboxTokens
{
    public string SlackUserToken { get; init; } = "xoxp-sandbox-0000000001-user";
    public string SlackBotToken { get; init; } = "xoxb-sandbox-0000000002-bot";
    public string SlackLimitedUserToken { get; init; } = "xoxp-sandbox-0000000003-limited";

    /// <summary>A user token with the sync's required scopes but not admin.users:read (no bulk user listing).</summary>
    public string SlackNoUserListToken { get; init; } = "xoxp-sandbox-0000000004-nolist";
    /// <summary>
    /// A user token that may also change role assignments (admin.roles:write). The default user token lacks that scope, as
    /// a read-only sync's install does, so a client's up-front scope check can be tested; a test can also give the scope
    /// to any token through the control API.
    /// </summary>
    public string SlackRoleWriterToken { get; init; } = "xoxp-sandbox-0000000005-rolewriter";
    /// <summary>A bot token that may post messages (chat:write) and nothing else: what an alerting app is given.</summary>
    public string SlackAlertBotToken { get; init; } = "xoxb-sandbox-0000000006-alerts";
    public string OktaApiToken { get; init; } = "00sandbox-okta-api-token-full-access";
    public string OktaAccessToken { get; init; } = "eyJsandbox.okta-access-token.full";
    public string OktaReadOnlyToken { get; init; } = "00sandbox-okta-api-token-read-only";

    public static readonly string[] AllSlackUserScopes = ["admin.roles:read", "admin.users:read", "users:read", "users:read.email"];

    public static readonly string[] RoleWriterSlackScopes = [.. AllSlackUserScopes, "admin.roles:write"];

    public static readonly string[] AllOktaScopes =
    [
        "okta.users.read", "okta.apps.read", "okta.governance.entitlements.read", "okta.governance.entitlements.manage",
        "okta.governance.accessCertifications.read", "okta.governance.accessCertifications.manage",
    ];

    public static readonly string[] ReadOnlyOktaScopes = ["okta.users.read", "okta.apps.read", "okta.governance.entitlements.read", "okta.governance.accessCertifications.read"];
}
