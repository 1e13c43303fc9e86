using System.Text.Json.Nodes;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Sandbox;

public sealed class GovernanceContractTests
{
    private const string Esp = "esp1slacksysrole0001";
    private const string AuditLogsValue = "ent1auditlogsadmin01";

    [Fact]
    public async Task A_created_entitlement_grant_is_listed_and_a_revoked_value_leaves_it()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var created = await sandbox.OktaAsync(HttpMethod.Post, "governance/api/v1/grants", new
        {
            grantType = "ENTITLEMENT",
            target = new { externalId = sandbox.AppId, type = "APPLICATION" },
            targetPrincipal = new { externalId = "00u1bob0000000000002", type = "OKTA_USER" },
            entitlements = new[] { new { id = Esp, values = new[] { new { id = AuditLogsValue } } } },
            actor = "API",
        });
        Assert.Equal(201, (int)created.StatusCode);
        var grant = await TestSandbox.JsonAsync(created);
        Assert.StartsWith("0gg", grant["id"]!.GetValue<string>());
        Assert.Equal("orn:okta:directory:00o1sandboxorg000001:users:00u1bob0000000000002", grant["targetPrincipalOrn"]!.GetValue<string>());

        var bobFilter = TestSandbox.GrantFilter(sandbox.AppId, $"targetPrincipal.externalId eq \"00u1bob0000000000002\" AND entitlements.id eq \"{Esp}\"");
        var listed = await sandbox.OktaJsonAsync($"governance/api/v1/grants?filter={bobFilter}&include=full_entitlements");
        var entitlement = Assert.Single(listed["data"]!.AsArray())!["entitlements"]![0]!;
        Assert.Equal("Slack System Role", entitlement["name"]!.GetValue<string>());
        Assert.Equal("Rl0C", entitlement["values"]![0]!["externalValue"]!.GetValue<string>());

        using var revoked = await sandbox.OktaAsync(HttpMethod.Post, "governance/api/v2/revoke-principal-access", new
        {
            principalOrn = grant["targetPrincipalOrn"]!.GetValue<string>(),
            revokeOrns = new[] { $"orn:okta:governance:00o1sandboxorg000001:entitlement-values:{AuditLogsValue}" },
            actor = "API",
        });
        Assert.Equal(200, (int)revoked.StatusCode);
        Assert.NotNull((await TestSandbox.JsonAsync(revoked))["data"]![0]!["_links"]!["principal-entitlements"]);
        Assert.Empty((await sandbox.OktaJsonAsync($"governance/api/v1/grants?filter={bobFilter}"))["data"]!.AsArray());

        // Bob's POLICY grant of another entitlement is untouched.
        var policy = await sandbox.OktaJsonAsync($"governance/api/v1/grants?filter={TestSandbox.GrantFilter(sandbox.AppId, "targetPrincipal.externalId eq \"00u1bob0000000000002\"")}");
        Assert.Equal("POLICY", Assert.Single(policy["data"]!.AsArray())!["grantType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Revocation_takes_one_to_five_orns_and_refuses_malformed_ones()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var principal = "orn:okta:directory:00o1sandboxorg000001:users:00u1heidi00000000009";
        var value = $"orn:okta:governance:00o1sandboxorg000001:entitlement-values:{AuditLogsValue}";
        using var six = await sandbox.OktaAsync(HttpMethod.Post, "governance/api/v2/revoke-principal-access", new { principalOrn = principal, revokeOrns = Enumerable.Repeat(value, 6), actor = "API" });
        Assert.Equal(400, (int)six.StatusCode);
        using var none = await sandbox.OktaAsync(HttpMethod.Post, "governance/api/v2/revoke-principal-access", new { principalOrn = principal, revokeOrns = Array.Empty<string>(), actor = "API" });
        Assert.Equal(400, (int)none.StatusCode);
        using var malformed = await sandbox.OktaAsync(HttpMethod.Post, "governance/api/v2/revoke-principal-access", new { principalOrn = principal, revokeOrns = new[] { "ent1auditlogsadmin01" }, actor = "API" });
        Assert.Equal("E0000001", (await TestSandbox.JsonAsync(malformed))["errorCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_adds_a_value_and_refuses_a_duplicate_external_value()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var add = new[] { new { op = "ADD", path = "/values/-", value = new { name = "Analytics Admin", externalValue = "Rl0L", description = "d" }, refType = "ENTITLEMENT-VALUE" } };
        using var first = await sandbox.OktaAsync(HttpMethod.Patch, $"governance/api/v1/entitlements/{Esp}", add);
        Assert.Equal(200, (int)first.StatusCode);
        var values = await sandbox.OktaJsonAsync($"governance/api/v1/entitlements/{Esp}/values?limit=200");
        var analytics = values["data"]!.AsArray().Single(v => v!["externalValue"]!.GetValue<string>() == "Rl0L")!;
        Assert.StartsWith("orn:okta:governance:00o1sandboxorg000001:entitlement-values:ent", analytics["orn"]!.GetValue<string>());

        using var again = await sandbox.OktaAsync(HttpMethod.Patch, $"governance/api/v1/entitlements/{Esp}", add);
        Assert.Equal(400, (int)again.StatusCode);
    }

    [Fact]
    public async Task Principal_entitlements_show_what_a_user_holds_on_the_app_through_any_grant()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var filter = Uri.EscapeDataString($"parent.externalId eq \"{sandbox.AppId}\" AND parent.type eq \"APPLICATION\" AND targetPrincipal.externalId eq \"00u1bob0000000000002\" AND targetPrincipal.type eq \"OKTA_USER\"");
        var held = await sandbox.OktaJsonAsync($"governance/api/v1/principal-entitlements?filter={filter}");
        var workspace = Assert.Single(held["data"]!.AsArray())!;
        Assert.Equal("workspace", workspace["externalValue"]!.GetValue<string>());
    }

    [Fact]
    public async Task Okta_responses_carry_rate_limit_headers_and_answer_429_when_the_budget_is_spent()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        sandbox.Host.Traffic.Configure(new RateLimitSettings { Limits = new() { ["okta:GET /api/v1/users"] = 2, ["slack:users.info"] = 1 } });
        using var first = await sandbox.OktaAsync(HttpMethod.Get, "api/v1/users");
        Assert.Equal("2", first.Headers.GetValues("X-Rate-Limit-Limit").Single());
        Assert.Equal("1", first.Headers.GetValues("X-Rate-Limit-Remaining").Single());
        Assert.True(long.Parse(first.Headers.GetValues("X-Rate-Limit-Reset").Single(), System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1);
        (await sandbox.OktaAsync(HttpMethod.Get, "api/v1/users")).Dispose();
        using var limited = await sandbox.OktaAsync(HttpMethod.Get, "api/v1/users");
        Assert.Equal(429, (int)limited.StatusCode);
        Assert.Equal("0", limited.Headers.GetValues("X-Rate-Limit-Remaining").Single());
        Assert.Equal("E0000047", (await TestSandbox.JsonAsync(limited))["errorCode"]!.GetValue<string>());

        (await sandbox.SlackAsync("users.info?user=U0ALICE0001", sandbox.Host.Tokens.SlackUserToken)).Dispose();
        using var slackLimited = await sandbox.SlackAsync("users.info?user=U0ALICE0001", sandbox.Host.Tokens.SlackUserToken);
        Assert.Equal(429, (int)slackLimited.StatusCode);
        Assert.True(slackLimited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task Injected_faults_are_counted_and_reproducible_from_their_seed()
    {
        static async Task<List<int>> Statuses(TestSandbox sandbox)
        {
            sandbox.Host.Traffic.Configure(new FaultSettings { Seed = 5, Rules = [new FaultRule { Endpoint = "okta:*", ServerError = 0.3, Unavailable = 0.2 }] });
            var statuses = new List<int>();
            for (var i = 0; i < 30; i++)
            {
                using var response = await sandbox.OktaAsync(HttpMethod.Get, "api/v1/users?limit=1");
                statuses.Add((int)response.StatusCode);
            }

            return statuses;
        }

        await using var a = await TestSandbox.StartAsync();
        await using var b = await TestSandbox.StartAsync();
        var first = await Statuses(a);
        Assert.Equal(first, await Statuses(b));
        Assert.Contains(500, first);
        Assert.Contains(503, first);
        Assert.Contains(200, first);
        var counters = JsonNode.Parse(await a.Http.GetStringAsync("_sandbox/counters"))!;
        Assert.Equal(30, counters["requests"]!["okta:GET /api/v1/users"]!.GetValue<long>());
        Assert.Equal(first.Count(s => s == 500), counters["faults"]!["500"]!.GetValue<long>());
    }
}
