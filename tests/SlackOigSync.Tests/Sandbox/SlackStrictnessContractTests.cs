using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sandbox.Seed;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Sandbox;

/// <summary>
/// The sandbox is as strict as Slack where the sync could otherwise get away with a mistake: scopes in every
/// answer's header and at run time, both forms of array arguments, admin.users.list's filters and page limits,
/// and one-shot answers that are short or malformed.
/// </summary>
public sealed class SlackStrictnessContractTests
{
    private const string AllUserScopes = "admin.roles:read,admin.users:read,users:read,users:read.email";

    private static readonly SandboxSeed Generated = SeedGenerator.Generate(new GeneratedOrgSpec(SlackUsers: 1_200, Assignments: 30, RandomSeed: 5));

    [Fact]
    public async Task Every_answer_to_a_known_token_carries_its_scopes_and_no_other_answer_does()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var tokens = sandbox.Host.Tokens;

        using (var ok = await sandbox.SlackAsync("admin.roles.listAssignments?limit=1", tokens.SlackUserToken))
        {
            Assert.Equal(AllUserScopes, Scopes(ok));
        }

        using (var notFound = await sandbox.SlackAsync("users.info?user=U0NOBODY000", tokens.SlackUserToken))
        {
            Assert.Equal(AllUserScopes, Scopes(notFound));
            Assert.Equal("user_not_found", (await TestSandbox.JsonAsync(notFound))["error"]!.GetValue<string>());
        }

        using (var missing = await sandbox.SlackAsync("admin.roles.listAssignments", tokens.SlackLimitedUserToken))
        {
            Assert.Equal("users:read", Scopes(missing));
            Assert.Equal("missing_scope", (await TestSandbox.JsonAsync(missing))["error"]!.GetValue<string>());
        }

        using (var bot = await sandbox.SlackAsync("admin.users.list", tokens.SlackBotToken))
        {
            Assert.Equal("users:read,users:read.email", Scopes(bot));
            Assert.Equal("not_allowed_token_type", (await TestSandbox.JsonAsync(bot))["error"]!.GetValue<string>());
        }

        using (var noToken = await sandbox.SlackAsync("users.info?user=U0ALICE0001"))
        {
            Assert.Null(Scopes(noToken));
        }

        using (var unknown = await sandbox.SlackAsync("users.info?user=U0ALICE0001", "xoxp-not-a-real-token"))
        {
            Assert.Null(Scopes(unknown));
            Assert.Equal("invalid_auth", (await TestSandbox.JsonAsync(unknown))["error"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_rate_limited_answer_still_carries_the_scopes_of_the_token_it_refused()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        sandbox.Host.Traffic.Configure(new RateLimitSettings { Limits = new Dictionary<string, int> { ["slack:users.info"] = 0 } });

        using var limited = await sandbox.SlackAsync("users.info?user=U0ALICE0001", sandbox.Host.Tokens.SlackNoUserListToken);

        Assert.Equal(429, (int)limited.StatusCode);
        Assert.Equal("admin.roles:read,users:read,users:read.email", Scopes(limited));
    }

    [Fact]
    public async Task A_token_stripped_of_users_read_email_loses_emails_until_its_default_scopes_are_restored()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = sandbox.Host.Tokens.SlackUserToken;
        var scopesUrl = $"_sandbox/slack/tokens/{token}/scopes";

        using (var put = await sandbox.Http.PutAsJsonAsync(scopesUrl, new { scopes = new[] { "admin.roles:read", "admin.users:read", "users:read" } }))
        {
            Assert.Equal(204, (int)put.StatusCode);
        }

        using (var info = await sandbox.SlackAsync("users.info?user=U0CAROL0003", token))
        {
            Assert.Equal("admin.roles:read,admin.users:read,users:read", Scopes(info));
            var user = (await TestSandbox.JsonAsync(info))["user"]!;
            Assert.Equal("U0CAROL0003", user["id"]!.GetValue<string>());
            Assert.Null(user["profile"]!["email"]);
        }

        var lookup = await sandbox.SlackJsonAsync("users.lookupByEmail?email=carol@example.com", token);
        Assert.Equal("missing_scope", lookup["error"]!.GetValue<string>());
        Assert.Equal("users:read.email", lookup["needed"]!.GetValue<string>());
        Assert.Equal("admin.roles:read,admin.users:read,users:read", lookup["provided"]!.GetValue<string>());

        using (var delete = await sandbox.Http.DeleteAsync(scopesUrl))
        {
            Assert.Equal(204, (int)delete.StatusCode);
        }

        using (var restored = await sandbox.SlackAsync("users.info?user=U0CAROL0003", token))
        {
            Assert.Equal(AllUserScopes, Scopes(restored));
            Assert.Equal("carol@example.com", (await TestSandbox.JsonAsync(restored))["user"]!["profile"]!["email"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Scopes_of_unknown_tokens_cannot_be_changed()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var put = await sandbox.Http.PutAsJsonAsync("_sandbox/slack/tokens/xoxp-not-a-real-token/scopes", new { scopes = new[] { "users:read" } });
        using var delete = await sandbox.Http.DeleteAsync("_sandbox/slack/tokens/xoxp-not-a-real-token/scopes");

        Assert.Equal(404, (int)put.StatusCode);
        Assert.Equal(404, (int)delete.StatusCode);
        Assert.False(sandbox.Host.SlackScopes.Set("xoxp-not-a-real-token", ["users:read"]));
        Assert.Equal("invalid_auth", (await sandbox.SlackJsonAsync("users.info?user=U0ALICE0001", "xoxp-not-a-real-token"))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Scopes_changed_from_code_gate_methods_but_never_let_the_bot_token_into_admin_methods()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var tokens = sandbox.Host.Tokens;

        Assert.True(sandbox.Host.SlackScopes.Set(tokens.SlackUserToken, ["users:read"]));
        var missing = await sandbox.SlackJsonAsync("admin.roles.listAssignments", tokens.SlackUserToken);
        Assert.Equal("missing_scope", missing["error"]!.GetValue<string>());
        Assert.Equal("admin.roles:read", missing["needed"]!.GetValue<string>());
        Assert.Equal("users:read", missing["provided"]!.GetValue<string>());

        // The limited token gains what it lacked.
        Assert.True(sandbox.Host.SlackScopes.Set(tokens.SlackLimitedUserToken, ["users:read", "admin.roles:read"]));
        Assert.True((await sandbox.SlackJsonAsync("admin.roles.listAssignments", tokens.SlackLimitedUserToken))["ok"]!.GetValue<bool>());

        Assert.True(sandbox.Host.SlackScopes.Set(tokens.SlackBotToken, SandboxTokens.AllSlackUserScopes));
        Assert.Equal("not_allowed_token_type", (await sandbox.SlackJsonAsync("admin.roles.listAssignments", tokens.SlackBotToken))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Array_arguments_as_a_json_array_select_the_same_items_as_a_comma_list()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        var comma = await AssignmentKeys(sandbox, "role_ids=" + Uri.EscapeDataString("Rl02,Rl0L"));
        var json = await AssignmentKeys(sandbox, "role_ids=" + Uri.EscapeDataString("""["Rl02","Rl0L"]"""));
        Assert.Equal(5, comma.Count);
        Assert.Equal(comma, json);

        var workspaces = await AssignmentKeys(sandbox, "role_ids=" + Uri.EscapeDataString("""["Rl02"]""") + "&entity_ids=" + Uri.EscapeDataString("""["T0SANDBOX01","T0SANDBOX02"]"""));
        Assert.Equal(2, workspaces.Count);
        Assert.Equal(await AssignmentKeys(sandbox, "role_ids=Rl02&entity_ids=T0SANDBOX01,T0SANDBOX02"), workspaces);

        // The SDKs send JSON arrays in form posts.
        using var request = new HttpRequestMessage(HttpMethod.Post, "slack/api/admin.roles.listAssignments")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["role_ids"] = """["Rl02","Rl0L"]""" }),
        };
        request.Headers.Authorization = new("Bearer", sandbox.Host.Tokens.SlackUserToken);
        var posted = await TestSandbox.JsonAsync(await sandbox.Http.SendAsync(request));
        Assert.Equal(comma, Keys(posted));

        var malformed = await sandbox.SlackJsonAsync("admin.roles.listAssignments?role_ids=" + Uri.EscapeDataString("""["Rl02","""));
        Assert.Equal("invalid_array_arg", malformed["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Admin_users_list_leaves_out_deactivated_users_unless_asked_for_them_alone()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        var byDefault = UserIds(await sandbox.SlackJsonAsync("admin.users.list"));
        Assert.DoesNotContain("U0FRANK0006", byDefault);
        Assert.Contains("U0ALICE0001", byDefault);
        Assert.Equal(9, byDefault.Count);
        Assert.Equal(byDefault, UserIds(await sandbox.SlackJsonAsync("admin.users.list?is_active=true")));

        var deactivated = await sandbox.SlackJsonAsync("admin.users.list?is_active=false");
        Assert.Equal(["U0FRANK0006"], UserIds(deactivated));
        Assert.False(deactivated["users"]![0]!["is_active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Admin_users_list_pages_100_by_default_and_refuses_limits_outside_1_to_999()
    {
        await using var sandbox = await TestSandbox.StartAsync(Generated);
        var active = Generated.SlackUsers.Count(u => !u.Deleted);
        Assert.InRange(active, 1_000, 1_199);

        Assert.Equal("invalid_limit", (await sandbox.SlackJsonAsync("admin.users.list?limit=1000"))["error"]!.GetValue<string>());
        Assert.Equal("invalid_limit", (await sandbox.SlackJsonAsync("admin.users.list?limit=0"))["error"]!.GetValue<string>());

        var firstDefault = await sandbox.SlackJsonAsync("admin.users.list");
        Assert.Equal(100, firstDefault["users"]!.AsArray().Count);
        Assert.NotEqual(string.Empty, NextCursor(firstDefault));

        var largest = await sandbox.SlackJsonAsync("admin.users.list?limit=999");
        Assert.True(largest["ok"]!.GetValue<bool>());
        Assert.Equal(999, largest["users"]!.AsArray().Count);
        var rest = await sandbox.SlackJsonAsync("admin.users.list?limit=999&cursor=" + Uri.EscapeDataString(NextCursor(largest)));
        Assert.Equal(active - 999, rest["users"]!.AsArray().Count);
        Assert.Equal(string.Empty, NextCursor(rest));
    }

    [Fact]
    public async Task DropItems_shortens_one_page_keeps_its_cursor_and_is_counted()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        const string url = "admin.roles.listAssignments?limit=5&sort_dir=ASC";
        var normal = await sandbox.SlackJsonAsync(url);

        using (var post = await sandbox.Http.PostAsJsonAsync("_sandbox/faults/answers", new { endpoint = "slack:admin.roles.listAssignments", kind = "DropItems", count = 2, field = (string?)null, times = 1 }))
        {
            Assert.Equal(204, (int)post.StatusCode);
        }

        var shortened = await sandbox.SlackJsonAsync(url);
        Assert.Equal(Keys(normal).Take(3), Keys(shortened));
        Assert.Equal(NextCursor(normal), NextCursor(shortened));

        Assert.Equal(Keys(normal), Keys(await sandbox.SlackJsonAsync(url)));
        var counters = JsonNode.Parse(await sandbox.Http.GetStringAsync("_sandbox/counters"))!;
        Assert.Equal(1, counters["faults"]!["DropItems"]!.GetValue<long>());
    }

    [Fact]
    public async Task EndEarly_waits_for_an_answer_with_a_next_page_and_empties_its_cursor_once()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        sandbox.Host.AnswerFaults.Add(new AnswerFault("slack:admin.roles.listAssignments", AnswerFaultKind.EndEarly));

        // A single page has no next page to lose: the fault waits.
        Assert.Equal(string.Empty, NextCursor(await sandbox.SlackJsonAsync("admin.roles.listAssignments?limit=200")));
        Assert.Single(sandbox.Host.AnswerFaults.Pending);

        var ended = await sandbox.SlackJsonAsync("admin.roles.listAssignments?limit=2");
        Assert.Equal(2, ended["role_assignments"]!.AsArray().Count);
        Assert.Equal(string.Empty, NextCursor(ended));
        Assert.Empty(sandbox.Host.AnswerFaults.Pending);

        Assert.NotEqual(string.Empty, NextCursor(await sandbox.SlackJsonAsync("admin.roles.listAssignments?limit=2")));
        Assert.Equal(1, sandbox.Host.Traffic.InjectedFaults["EndEarly"]);
    }

    [Fact]
    public async Task OmitField_removes_a_top_level_field_from_the_next_successful_answer_only()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        sandbox.Host.AnswerFaults.Add(new AnswerFault("slack:users.info", AnswerFaultKind.OmitField, Field: "user"));

        // An error answer is left alone and does not spend the fault.
        Assert.Equal("user_not_found", (await sandbox.SlackJsonAsync("users.info?user=U0NOBODY000"))["error"]!.GetValue<string>());

        var withoutUser = (await sandbox.SlackJsonAsync("users.info?user=U0ALICE0001")).AsObject();
        Assert.Equal("""{"ok":true}""", withoutUser.ToJsonString());

        Assert.Equal("U0ALICE0001", (await sandbox.SlackJsonAsync("users.info?user=U0ALICE0001"))["user"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task OmitField_removes_a_field_from_every_item_for_as_many_answers_as_asked()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using (var post = await sandbox.Http.PostAsJsonAsync("_sandbox/faults/answers", new { endpoint = "slack:admin.users.list", kind = "OmitField", field = "is_active", times = 2 }))
        {
            Assert.Equal(204, (int)post.StatusCode);
        }

        for (var i = 0; i < 2; i++)
        {
            var users = (await sandbox.SlackJsonAsync("admin.users.list"))["users"]!.AsArray();
            Assert.Equal(9, users.Count);
            Assert.All(users, u => Assert.False(u!.AsObject().ContainsKey("is_active")));
        }

        Assert.All((await sandbox.SlackJsonAsync("admin.users.list"))["users"]!.AsArray(), u => Assert.True(u!["is_active"]!.GetValue<bool>()));
        Assert.Equal(2, sandbox.Host.Traffic.InjectedFaults["OmitField"]);
    }

    [Fact]
    public async Task Answer_faults_that_could_never_apply_are_refused_and_delete_clears_the_rest()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using (var unknown = await sandbox.Http.PostAsJsonAsync("_sandbox/faults/answers", new { endpoint = "slack:admin.roles.listAssignment", kind = "DropItems" }))
        {
            Assert.Equal(400, (int)unknown.StatusCode);
        }

        using (var noField = await sandbox.Http.PostAsJsonAsync("_sandbox/faults/answers", new { endpoint = "slack:users.info", kind = "OmitField" }))
        {
            Assert.Equal(400, (int)noField.StatusCode);
        }

        Assert.Throws<ArgumentException>(() => sandbox.Host.AnswerFaults.Add(new AnswerFault("slack:users.info", AnswerFaultKind.DropItems, Times: 0)));
        Assert.Empty(sandbox.Host.AnswerFaults.Pending);

        sandbox.Host.AnswerFaults.Add(new AnswerFault("slack:users.info", AnswerFaultKind.OmitField, Field: "user"));
        using (var delete = await sandbox.Http.DeleteAsync("_sandbox/faults/answers"))
        {
            Assert.Equal(204, (int)delete.StatusCode);
        }

        Assert.Empty(sandbox.Host.AnswerFaults.Pending);
        Assert.NotNull((await sandbox.SlackJsonAsync("users.info?user=U0ALICE0001"))["user"]);
    }

    private static string? Scopes(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-oauth-scopes", out var values) ? string.Join(',', values) : null;

    private static string NextCursor(JsonNode page) => page["response_metadata"]!["next_cursor"]!.GetValue<string>();

    private static List<string> Keys(JsonNode page) =>
        [.. page["role_assignments"]!.AsArray().Select(a => $"{a!["role_id"]}|{a["user_id"]}|{a["entity_id"]}")];

    private static List<string> UserIds(JsonNode page) => [.. page["users"]!.AsArray().Select(u => u!["id"]!.GetValue<string>())];

    private static async Task<List<string>> AssignmentKeys(TestSandbox sandbox, string arguments) =>
        Keys(await sandbox.SlackJsonAsync("admin.roles.listAssignments?" + arguments));
}
