using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SlackOigSync.Sandbox.Seed;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Sandbox;

/// <summary>
/// Where the real APIs refuse or shape answers in a way a client's safety rests on, the sandbox does the same: Slack's
/// unknown_method, OIG's required entitlement filter and refType, metadata.total, descriptions that are strings or absent,
/// and grant lists that show ACTIVE grants only (unless a test asks for every status).
/// </summary>
public sealed class SpecStrictnessContractTests
{
    private const string Esp = "esp1slacksysrole0001";
    private const string Workspace = "esp1slackworkspace01";
    private const string AuditLogsValue = "ent1auditlogsadmin01";

    [Theory]
    [InlineData("admin.roles.listAssignmentz")]
    [InlineData("chat.update")] // chat.postMessage is emulated since the alerts (issue 11)
    [InlineData("admin.roles/listAssignments")]
    public async Task An_unknown_Slack_method_answers_200_unknown_method(string method)
    {
        await using var sandbox = await TestSandbox.StartAsync();

        using var response = await sandbox.SlackAsync(method, sandbox.Host.Tokens.SlackUserToken);

        Assert.Equal(200, (int)response.StatusCode);
        var body = await TestSandbox.JsonAsync(response);
        Assert.False(body["ok"]!.GetValue<bool>());
        Assert.Equal("unknown_method", body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Known_Slack_methods_still_win_over_the_unknown_method_route()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        Assert.True((await sandbox.SlackJsonAsync("admin.roles.listAssignments?limit=1"))["ok"]!.GetValue<bool>());
        Assert.Equal("U0ALICE0001", (await sandbox.SlackJsonAsync("users.info?user=U0ALICE0001"))["user"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_entitlement_listing_without_a_filter_is_refused_with_Oktas_error_body()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        using var response = await sandbox.OktaAsync(HttpMethod.Get, "governance/api/v1/entitlements?limit=20");

        Assert.Equal(400, (int)response.StatusCode);
        var error = await TestSandbox.JsonAsync(response);
        Assert.StartsWith("E0000", error["errorCode"]!.GetValue<string>());
        Assert.NotNull(error["errorSummary"]);
        Assert.NotNull(error["errorId"]);
        Assert.Equal("/filter", error["errorCauses"]![0]!["location"]!.GetValue<string>());
    }

    [Fact]
    public async Task Entitlement_lists_carry_the_total_of_every_match_and_value_lists_their_count()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var filter = Uri.EscapeDataString($"parent.externalId eq \"{sandbox.AppId}\" AND parent.type eq \"APPLICATION\"");

        var page = await sandbox.OktaJsonAsync($"governance/api/v1/entitlements?filter={filter}&limit=1");

        Assert.Single(page["data"]!.AsArray());
        Assert.Equal(2, page["metadata"]!["total"]!.GetValue<int>());
        Assert.NotNull(page["_links"]!["next"]);

        var values = await sandbox.OktaJsonAsync($"governance/api/v1/entitlements/{Esp}/values");
        Assert.Equal(1, values["metadata"]!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_patch_operation_without_refType_or_with_the_wrong_one_is_refused_and_changes_nothing()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var url = $"governance/api/v1/entitlements/{Esp}";
        var value = new { name = "Analytics Admin", externalValue = "Rl0L", description = "Slack role Rl0L" };

        using (var missing = await sandbox.OktaAsync(HttpMethod.Patch, url, new[] { new { op = "ADD", path = "/values/-", value } }))
        {
            Assert.Equal(400, (int)missing.StatusCode);
            Assert.Equal("/refType", (await TestSandbox.JsonAsync(missing))["errorCauses"]![0]!["location"]!.GetValue<string>());
        }

        using (var wrong = await sandbox.OktaAsync(HttpMethod.Patch, url, new[] { new { op = "ADD", path = "/values/-", value, refType = "ENTITLEMENT" } }))
        {
            Assert.Equal(400, (int)wrong.StatusCode);
        }

        // A good operation next to a bad one: the whole batch is refused.
        using (var mixed = await sandbox.OktaAsync(HttpMethod.Patch, url, new object[]
               {
                   new { op = "ADD", path = "/values/-", value, refType = "ENTITLEMENT-VALUE" },
                   new { op = "REPLACE", path = "/name", value = "Renamed" },
               }))
        {
            Assert.Equal(400, (int)mixed.StatusCode);
        }

        Assert.Equal(1, sandbox.Read(s => s.Entitlements.Find(Esp)!.Values.Count));
        Assert.Equal("Slack System Role", sandbox.Read(s => s.Entitlements.Find(Esp)!.Name));

        using var good = await sandbox.OktaAsync(HttpMethod.Patch, url, new object[]
        {
            new { op = "ADD", path = "/values/-", value, refType = "ENTITLEMENT-VALUE" },
            new { op = "REPLACE", path = "/name", value = "Slack System Roles", refType = "ENTITLEMENT" },
        });
        Assert.Equal(200, (int)good.StatusCode);
        Assert.Equal(2, sandbox.Read(s => s.Entitlements.Find(Esp)!.Values.Count));
    }

    [Fact]
    public async Task A_missing_description_is_left_out_never_null()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var filter = Uri.EscapeDataString($"parent.externalId eq \"{sandbox.AppId}\" AND parent.type eq \"APPLICATION\"");

        var entitlements = (await sandbox.OktaJsonAsync($"governance/api/v1/entitlements?filter={filter}"))["data"]!.AsArray();
        var described = entitlements.Single(e => e!["id"]!.GetValue<string>() == Esp)!.AsObject();
        var bare = entitlements.Single(e => e!["id"]!.GetValue<string>() == Workspace)!.AsObject();
        Assert.StartsWith("Slack Enterprise Grid", described["description"]!.GetValue<string>());
        Assert.False(bare.ContainsKey("description"));

        var value = (await sandbox.OktaJsonAsync($"governance/api/v1/entitlements/{Esp}/values"))["data"]![0]!.AsObject();
        Assert.False(value.ContainsKey("description"));

        var grants = await sandbox.OktaJsonAsync($"governance/api/v1/grants?filter={TestSandbox.GrantFilter(sandbox.AppId)}&include=full_entitlements");
        var json = grants.ToJsonString();
        Assert.DoesNotContain("\"description\":null", json, StringComparison.Ordinal);
        Assert.Contains("\"description\":\"Slack Enterprise Grid", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("INACTIVE")]
    [InlineData("SCHEDULED")]
    [InlineData("EXPIRED")]
    public async Task A_grant_seeded_with_another_status_is_left_out_of_grant_lists_unless_every_status_is_asked_for(string status)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using (var post = await sandbox.Http.PostAsJsonAsync("_sandbox/oig/grants", new
               {
                   id = "0gg1inactivegrace001", grantType = "ENTITLEMENT", appId = sandbox.AppId, userId = "00u1grace00000000008",
                   values = new Dictionary<string, string[]> { [Esp] = [AuditLogsValue] }, status,
               }))
        {
            Assert.Equal(200, (int)post.StatusCode);
        }

        var url = $"governance/api/v1/grants?filter={TestSandbox.GrantFilter(sandbox.AppId, $"entitlements.id eq \"{Esp}\"")}&include=full_entitlements";
        Assert.DoesNotContain("0gg1inactivegrace001", GrantIds(await sandbox.OktaJsonAsync(url)));

        using (var put = await sandbox.Http.PutAsJsonAsync("_sandbox/oig/grants/listing", new { everyStatus = true }))
        {
            Assert.Equal(204, (int)put.StatusCode);
        }

        var listed = (await sandbox.OktaJsonAsync(url))["data"]!.AsArray().Single(g => g!["id"]!.GetValue<string>() == "0gg1inactivegrace001")!;
        Assert.Equal(status, listed["status"]!.GetValue<string>());
        Assert.Equal(AuditLogsValue, listed["entitlements"]![0]!["values"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("ACTIVE", (await sandbox.OktaJsonAsync(url))["data"]!.AsArray().Single(g => g!["id"]!.GetValue<string>() == "0gg1staleheidi000001")!["status"]!.GetValue<string>());

        // Not held: principal entitlements and the truth oracle only count ACTIVE grants.
        var held = Uri.EscapeDataString($"parent.externalId eq \"{sandbox.AppId}\" AND parent.type eq \"APPLICATION\" AND targetPrincipal.externalId eq \"00u1grace00000000008\" AND targetPrincipal.type eq \"OKTA_USER\"");
        Assert.Empty((await sandbox.OktaJsonAsync($"governance/api/v1/principal-entitlements?filter={held}"))["data"]!.AsArray());
    }

    [Fact]
    public async Task A_seed_can_carry_a_non_active_grant_and_an_unknown_status_is_refused()
    {
        var seed = TestSandbox.DemoSeed();
        seed = seed with
        {
            Grants = [.. seed.Grants, new SeedGrant("0gg1expiredgrace0001", "ENTITLEMENT", seed.SlackAppId, "00u1grace00000000008",
                new Dictionary<string, List<string>> { [Esp] = [AuditLogsValue] }, Status: "EXPIRED")],
        };
        await using var sandbox = await TestSandbox.StartAsync(seed);
        sandbox.Change(s => s.ListGrantsOfEveryStatus = true);

        var grants = (await sandbox.OktaJsonAsync($"governance/api/v1/grants?filter={TestSandbox.GrantFilter(sandbox.AppId)}"))["data"]!.AsArray();
        Assert.Equal("EXPIRED", grants.Single(g => g!["id"]!.GetValue<string>() == "0gg1expiredgrace0001")!["status"]!.GetValue<string>());

        using var bad = await sandbox.Http.PostAsJsonAsync("_sandbox/oig/grants", new
        {
            grantType = "ENTITLEMENT", appId = sandbox.AppId, userId = "00u1grace00000000008",
            values = new Dictionary<string, string[]> { [Esp] = [AuditLogsValue] }, status = "REVOKED",
        });
        Assert.Equal(400, (int)bad.StatusCode);
        Assert.Throws<InvalidDataException>(() => SeedLoader.Load(
            seed with { Grants = [seed.Grants[^1] with { Status = "GONE" }] }, 1, TimeProvider.System));
    }

    private static List<string> GrantIds(JsonNode page) => [.. page["data"]!.AsArray().Select(g => g!["id"]!.GetValue<string>())];
}
