using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Sandbox;

/// <summary>
/// Slack's admin.roles.addAssignments and removeAssignments: the admin.roles:write scope, at most 10 users and 10 entities
/// per call, per-item rejections in rejected_users / rejected_entities while the valid items are applied, and the change
/// visible in admin.roles.listAssignments.
/// </summary>
public sealed class SlackRoleWriteContractTests
{
    private const string Remove = "admin.roles.removeAssignments";
    private const string Add = "admin.roles.addAssignments";

    [Fact]
    public async Task Remove_takes_the_role_off_every_entity_named_and_listAssignments_no_longer_shows_it()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var writer = sandbox.Host.Tokens.SlackRoleWriterToken;

        using var response = await FormAsync(sandbox, Remove, writer, ("role_id", "Rl02"), ("user_ids", "U0BOB000002"), ("entity_ids", "T0SANDBOX01,T0SANDBOX02"));

        Assert.Contains("admin.roles:write", response.Headers.GetValues("x-oauth-scopes").Single().Split(','));
        var body = await TestSandbox.JsonAsync(response);
        Assert.True(body["ok"]!.GetValue<bool>());
        Assert.Equal(["E0SANDBOX01"], await EntitiesOf(sandbox, "Rl02", "U0BOB000002"));
    }

    [Fact]
    public async Task Add_takes_a_JSON_body_and_assigning_a_held_role_again_adds_no_duplicate()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var writer = sandbox.Host.Tokens.SlackRoleWriterToken;
        var json = """{"role_id":"Rl0C","user_ids":["U0CAROL0003"],"entity_ids":["E0SANDBOX01","T0SANDBOX01"]}""";

        var first = await JsonBodyAsync(sandbox, Add, writer, json);
        var second = await JsonBodyAsync(sandbox, Add, writer, json);

        Assert.True(first["ok"]!.GetValue<bool>());
        Assert.True(second["ok"]!.GetValue<bool>());
        Assert.Equal(["E0SANDBOX01", "T0SANDBOX01"], (await EntitiesOf(sandbox, "Rl0C", "U0CAROL0003")).Order());
    }

    [Fact]
    public async Task The_default_user_token_lacks_admin_roles_write_and_is_answered_missing_scope_until_given_it()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = sandbox.Host.Tokens.SlackUserToken;

        var refused = await TestSandbox.JsonAsync(await FormAsync(sandbox, Remove, token, ("role_id", "Rl0C"), ("user_ids", "U0ALICE0001"), ("entity_ids", "E0SANDBOX01")));

        Assert.Equal("missing_scope", refused["error"]!.GetValue<string>());
        Assert.Equal("admin.roles:write", refused["needed"]!.GetValue<string>());
        Assert.DoesNotContain("admin.roles:write", refused["provided"]!.GetValue<string>().Split(','));
        Assert.Equal(["E0SANDBOX01"], await EntitiesOf(sandbox, "Rl0C", "U0ALICE0001"));

        using var grant = await sandbox.Http.PutAsync($"_sandbox/slack/tokens/{token}/scopes",
            new StringContent("""{"scopes":["admin.roles:read","users:read","users:read.email","admin.roles:write"]}""", Encoding.UTF8, "application/json"));
        Assert.Equal(204, (int)grant.StatusCode);
        var allowed = await TestSandbox.JsonAsync(await FormAsync(sandbox, Remove, token, ("role_id", "Rl0C"), ("user_ids", "U0ALICE0001"), ("entity_ids", "E0SANDBOX01")));
        Assert.True(allowed["ok"]!.GetValue<bool>());
        Assert.Empty(await EntitiesOf(sandbox, "Rl0C", "U0ALICE0001"));

        var bot = await TestSandbox.JsonAsync(await FormAsync(sandbox, Add, sandbox.Host.Tokens.SlackBotToken, ("role_id", "Rl0C"), ("user_ids", "U0ALICE0001"), ("entity_ids", "E0SANDBOX01")));
        Assert.Equal("not_allowed_token_type", bot["error"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(11, 1, "too_many_users")]
    [InlineData(1, 11, "too_many_entities")]
    public async Task More_than_ten_users_or_entities_are_refused_whole(int users, int entities, string error)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var userIds = new[] { "U0BOB000002" }.Concat(Enumerable.Range(1, users - 1).Select(i => $"U0EXTRA{i:D4}"));
        var entityIds = new[] { "T0SANDBOX01" }.Concat(Enumerable.Range(1, entities - 1).Select(i => $"T0EXTRA{i:D4}"));

        var body = await TestSandbox.JsonAsync(await FormAsync(sandbox, Remove, sandbox.Host.Tokens.SlackRoleWriterToken,
            ("role_id", "Rl02"), ("user_ids", string.Join(',', userIds)), ("entity_ids", string.Join(',', entityIds))));

        Assert.False(body["ok"]!.GetValue<bool>());
        Assert.Equal(error, body["error"]!.GetValue<string>());
        Assert.Equal(3, (await EntitiesOf(sandbox, "Rl02", "U0BOB000002")).Count);
    }

    [Fact]
    public async Task Ten_users_and_ten_entities_are_within_the_limit()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var users = new[] { "U0ALICE0001", "U0BOB000002", "U0CAROL0003", "U0DAVE00004", "U0ERIN00005", "U0GRACE0008", "U0HEIDI0009", "U0IVAN00010", "U0DEPLOYBOT", "U0FRANK0006" };
        var entities = new[] { "E0SANDBOX01" }.Concat(Enumerable.Range(1, 9).Select(i => $"T0TEAM{i:D5}"));

        var body = await TestSandbox.JsonAsync(await FormAsync(sandbox, Remove, sandbox.Host.Tokens.SlackRoleWriterToken,
            ("role_id", "Rl0L"), ("user_ids", JsonArray(users)), ("entity_ids", JsonArray(entities))));

        Assert.True(body["ok"]!.GetValue<bool>());
        Assert.Empty(await EntitiesOf(sandbox, "Rl0L", "U0ALICE0001"));
        Assert.Empty(await EntitiesOf(sandbox, "Rl0L", "U0DAVE00004"));
    }

    [Fact]
    public async Task Rejected_users_and_entities_are_listed_while_the_valid_pairs_are_applied()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var writer = sandbox.Host.Tokens.SlackRoleWriterToken;

        var body = await TestSandbox.JsonAsync(await FormAsync(sandbox, Remove, writer,
            ("role_id", "Rl02"), ("user_ids", "U0BOB000002,U0NOBODY999"), ("entity_ids", "T0SANDBOX01,E0OTHERORG1")));

        Assert.False(body["ok"]!.GetValue<bool>());
        Assert.Equal("failed_for_some_users_and_entities", body["error"]!.GetValue<string>());
        var user = Assert.Single(body["rejected_users"]!.AsArray())!;
        Assert.Equal("U0NOBODY999", user["id"]!.GetValue<string>());
        Assert.Equal("user_not_found", user["error"]!.GetValue<string>());
        Assert.Equal("E0OTHERORG1", Assert.Single(body["rejected_entities"]!.AsArray())!["id"]!.GetValue<string>());
        Assert.Equal(["E0SANDBOX01", "T0SANDBOX02"], (await EntitiesOf(sandbox, "Rl02", "U0BOB000002")).Order());

        var someUsers = await TestSandbox.JsonAsync(await FormAsync(sandbox, Add, writer, ("role_id", "Rl0C"), ("user_ids", "U0CAROL0003,U0FRANK0006"), ("entity_ids", "E0SANDBOX01")));
        Assert.Equal("failed_for_some_users", someUsers["error"]!.GetValue<string>());
        Assert.Equal("user_deactivated", someUsers["rejected_users"]![0]!["error"]!.GetValue<string>());
        Assert.Null(someUsers["rejected_entities"]);
        Assert.Equal(["E0SANDBOX01"], await EntitiesOf(sandbox, "Rl0C", "U0CAROL0003"));
    }

    [Fact]
    public async Task Nothing_valid_changes_nothing_and_bad_arguments_get_Slacks_errors()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var writer = sandbox.Host.Tokens.SlackRoleWriterToken;
        var before = await sandbox.StateAsync();

        async Task<string> ErrorOf(params (string, string)[] args) => (await TestSandbox.JsonAsync(await FormAsync(sandbox, Remove, writer, args)))["error"]!.GetValue<string>();

        Assert.Equal("no_valid_users", await ErrorOf(("role_id", "Rl0C"), ("user_ids", "U0NOBODY999"), ("entity_ids", "E0SANDBOX01")));
        Assert.Equal("no_valid_entities", await ErrorOf(("role_id", "Rl0C"), ("user_ids", "U0ALICE0001"), ("entity_ids", "X12")));
        Assert.Equal("invalid_role_id", await ErrorOf(("role_id", "Admin"), ("user_ids", "U0ALICE0001"), ("entity_ids", "E0SANDBOX01")));
        Assert.Equal("invalid_arguments", await ErrorOf(("user_ids", "U0ALICE0001"), ("entity_ids", "E0SANDBOX01")));
        Assert.Equal("invalid_array_arg", await ErrorOf(("role_id", "Rl0C"), ("user_ids", "[\"U0ALICE0001\""), ("entity_ids", "E0SANDBOX01")));
        Assert.Equal(before, await sandbox.StateAsync());

        sandbox.Change(s => s.EnterpriseGrid = false);
        Assert.Equal("feature_not_enabled", await ErrorOf(("role_id", "Rl0C"), ("user_ids", "U0ALICE0001"), ("entity_ids", "E0SANDBOX01")));
    }

    private static string JsonArray(IEnumerable<string> items) => new JsonArray([.. items.Select(i => (JsonNode)i)]).ToJsonString();

    private static async Task<List<string>> EntitiesOf(TestSandbox sandbox, string roleId, string userId)
    {
        var listed = await sandbox.SlackJsonAsync($"admin.roles.listAssignments?role_ids={roleId}");
        return [.. listed["role_assignments"]!.AsArray()
            .Where(a => a!["user_id"]!.GetValue<string>() == userId)
            .Select(a => a!["entity_id"]!.GetValue<string>())];
    }

    private static async Task<HttpResponseMessage> FormAsync(TestSandbox sandbox, string method, string token, params (string Key, string Value)[] args)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "slack/api/" + method)
        {
            Content = new FormUrlEncodedContent(args.Select(a => KeyValuePair.Create(a.Key, a.Value))),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await sandbox.Http.SendAsync(request);
    }

    private static async Task<JsonNode> JsonBodyAsync(TestSandbox sandbox, string method, string token, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "slack/api/" + method) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await TestSandbox.JsonAsync(await sandbox.Http.SendAsync(request));
    }
}
