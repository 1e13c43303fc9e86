using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Sandbox;

public sealed class AuthAndErrorContractTests
{
    [Fact]
    public async Task Slack_refuses_missing_unknown_bot_and_underscoped_tokens_with_its_own_errors()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var tokens = sandbox.Host.Tokens;

        using var noToken = await sandbox.SlackAsync("admin.roles.listAssignments");
        Assert.Equal(200, (int)noToken.StatusCode);
        Assert.Equal("not_authed", (await TestSandbox.JsonAsync(noToken))["error"]!.GetValue<string>());
        Assert.Equal("invalid_auth", (await sandbox.SlackJsonAsync("admin.roles.listAssignments", "xoxp-not-a-real-token"))["error"]!.GetValue<string>());
        Assert.Equal("not_allowed_token_type", (await sandbox.SlackJsonAsync("admin.roles.listAssignments", tokens.SlackBotToken))["error"]!.GetValue<string>());

        var missing = await sandbox.SlackJsonAsync("admin.roles.listAssignments", tokens.SlackLimitedUserToken);
        Assert.False(missing["ok"]!.GetValue<bool>());
        Assert.Equal("missing_scope", missing["error"]!.GetValue<string>());
        Assert.Equal("admin.roles:read", missing["needed"]!.GetValue<string>());
        Assert.Equal("users:read", missing["provided"]!.GetValue<string>());
    }

    [Fact]
    public async Task Slack_users_info_shows_email_deleted_and_bot_flags_and_reports_unknown_users()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var carol = await sandbox.SlackJsonAsync("users.info?user=U0CAROL0003");
        Assert.Equal("carol@example.com", carol["user"]!["profile"]!["email"]!.GetValue<string>());
        Assert.True((await sandbox.SlackJsonAsync("users.info?user=U0FRANK0006"))["user"]!["deleted"]!.GetValue<bool>());
        Assert.True((await sandbox.SlackJsonAsync("users.info?user=U0DEPLOYBOT"))["user"]!["is_bot"]!.GetValue<bool>());
        Assert.Equal("user_not_found", (await sandbox.SlackJsonAsync("users.info?user=U0NOBODY000"))["error"]!.GetValue<string>());
        Assert.Equal("U0CAROL0003", (await sandbox.SlackJsonAsync("users.lookupByEmail?email=CAROL@example.com"))["user"]!["id"]!.GetValue<string>());

        // Without users:read.email the profile carries no email, as on Slack.
        var limited = await sandbox.SlackJsonAsync("users.info?user=U0CAROL0003", sandbox.Host.Tokens.SlackLimitedUserToken);
        Assert.Null(limited["user"]!["profile"]!["email"]);
    }

    [Fact]
    public async Task Slack_accepts_the_same_arguments_as_a_form_post()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "slack/api/admin.roles.listAssignments")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["limit"] = "2", ["role_ids"] = "Rl02" }),
        };
        request.Headers.Authorization = new("Bearer", sandbox.Host.Tokens.SlackUserToken);
        var body = await TestSandbox.JsonAsync(await sandbox.Http.SendAsync(request));
        var items = body["role_assignments"]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.All(items, a => Assert.Equal("Rl02", a!["role_id"]!.GetValue<string>()));
        Assert.NotEqual(string.Empty, body["response_metadata"]!["next_cursor"]!.GetValue<string>());
    }

    [Fact]
    public async Task Okta_answers_401_E0000011_for_a_bad_token_and_403_E0000006_for_a_read_only_token_that_writes()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var bad = await sandbox.OktaAsync(HttpMethod.Get, "api/v1/users", apiToken: "not-a-token");
        Assert.Equal(401, (int)bad.StatusCode);
        var error = await TestSandbox.JsonAsync(bad);
        Assert.Equal("E0000011", error["errorCode"]!.GetValue<string>());
        Assert.All(new[] { "errorSummary", "errorLink", "errorId", "errorCauses" }, f => Assert.NotNull(error[f]));

        using var forbidden = await sandbox.OktaAsync(HttpMethod.Post, "governance/api/v1/grants", new { grantType = "ENTITLEMENT" }, sandbox.Host.Tokens.OktaReadOnlyToken);
        Assert.Equal(403, (int)forbidden.StatusCode);
        Assert.Equal("E0000006", (await TestSandbox.JsonAsync(forbidden))["errorCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Okta_user_search_by_email_is_case_insensitive_and_bad_searches_are_400()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var found = (await sandbox.OktaJsonAsync("api/v1/users?search=" + Uri.EscapeDataString("profile.email eq \"carol@example.com\""))).AsArray();
        Assert.Equal("00u1carol00000000003", Assert.Single(found)!["id"]!.GetValue<string>());
        using var bad = await sandbox.OktaAsync(HttpMethod.Get, "api/v1/users?search=" + Uri.EscapeDataString("profile.email eq"));
        Assert.Equal(400, (int)bad.StatusCode);
    }

    [Fact]
    public async Task Entitlement_calls_answer_404_when_the_apps_governance_engine_is_off()
    {
        var seed = TestSandbox.DemoSeed() with { GovernanceDisabledApps = ["0oa1slackapp00000001"] };
        await using var sandbox = await TestSandbox.StartAsync(seed);
        var filter = Uri.EscapeDataString($"parent.externalId eq \"{sandbox.AppId}\" AND parent.type eq \"APPLICATION\"");
        using var response = await sandbox.OktaAsync(HttpMethod.Get, $"governance/api/v1/entitlements?filter={filter}");
        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("E0000007", (await TestSandbox.JsonAsync(response))["errorCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Grants_list_requires_a_target_in_the_filter()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var noFilter = await sandbox.OktaAsync(HttpMethod.Get, "governance/api/v1/grants");
        Assert.Equal(400, (int)noFilter.StatusCode);
        using var noTarget = await sandbox.OktaAsync(HttpMethod.Get, "governance/api/v1/grants?filter=" + Uri.EscapeDataString("targetPrincipal.externalId eq \"00u1bob0000000000002\""));
        Assert.Equal("E0000029", (await TestSandbox.JsonAsync(noTarget))["errorCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Nothing_listens_on_anything_but_loopback()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        Assert.Equal("127.0.0.1", sandbox.Host.BaseUrl.Host);
    }
}
