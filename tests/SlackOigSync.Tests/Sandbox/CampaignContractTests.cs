using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SlackOigSync.Sandbox.State;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Sandbox;

/// <summary>
/// OIG access certification campaigns as Okta's governance spec has them (create, get, list, launch, end) and the control
/// endpoints that play the reviewers: decisions, then the end that remediates a REVOKE as revoke-principal-access does.
/// </summary>
public sealed class CampaignContractTests
{
    private const string Campaigns = "governance/api/v1/campaigns";
    private const string Esp = "esp1slacksysrole0001";
    private const string AuditLogsValue = "ent1auditlogsadmin01";
    private const string Heidi = "00u1heidi00000000009";
    private const string Alice = "00u1alice00000000001";
    private const string Zoe = "00u1zoe0000000000099";

    /// <summary>A quarterly-style campaign over the synced entitlement's values on the Slack app, reviewed by Zoe.</summary>
    private static JsonObject Body(string appId, string name = "Q1 Slack roles") => JsonNode.Parse($$"""
        {
          "name": "{{name}}",
          "description": "Slack system roles",
          "campaignType": "RESOURCE",
          "scheduleSettings": { "type": "ONE_OFF", "startDate": "2026-01-05T14:00:00Z", "durationInDays": 30, "timeZone": "America/New_York" },
          "resourceSettings": {
            "type": "APPLICATION",
            "includeEntitlements": true,
            "targetResources": [ { "resourceId": "{{appId}}", "resourceType": "APPLICATION",
              "entitlements": [ { "id": "{{Esp}}", "includeAllValues": true } ] } ]
          },
          "principalScopeSettings": { "type": "USERS" },
          "reviewerSettings": { "type": "REVIEWER_EXPRESSION", "reviewerScopeExpression": "user.profile.managerId", "fallBackReviewerId": "{{Zoe}}" },
          "remediationSettings": { "accessApproved": "NO_ACTION", "accessRevoked": "DENY", "noResponse": "NO_ACTION" }
        }
        """)!.AsObject();

    [Fact]
    public async Task Create_answers_201_with_the_full_representation_and_get_reads_it_back()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        using var created = await sandbox.OktaAsync(HttpMethod.Post, Campaigns, Body(sandbox.AppId).ToJsonString());

        Assert.Equal(201, (int)created.StatusCode);
        var campaign = await TestSandbox.JsonAsync(created);
        var id = campaign["id"]!.GetValue<string>();
        Assert.Matches("^ici[0-9A-Za-z]{17}$", id);
        Assert.Equal("SCHEDULED", campaign["status"]!.GetValue<string>());
        Assert.Equal("RESOURCE", campaign["campaignType"]!.GetValue<string>());
        // Dates come back in the campaign's time zone; endDate = startDate + durationInDays.
        Assert.Equal("2026-01-05T09:00:00-05:00", campaign["scheduleSettings"]!["startDate"]!.GetValue<string>());
        Assert.Equal("2026-02-04T09:00:00-05:00", campaign["scheduleSettings"]!["endDate"]!.GetValue<string>());
        Assert.Empty(campaign["principalScopeSettings"]!["excludedUserIds"]!.AsArray());
        Assert.False(campaign["resourceSettings"]!["targetResources"]![0]!["includeAllEntitlementsAndBundles"]!.GetValue<bool>());
        Assert.EndsWith($"/governance/api/v1/campaigns/{id}/launch", campaign["_links"]!["launchCampaign"]!["href"]!.GetValue<string>());
        Assert.Contains("filter=campaignId%20eq%20%22" + id, campaign["_links"]!["reviews"]!["href"]!.GetValue<string>());

        var read = await sandbox.OktaJsonAsync($"{Campaigns}/{id}");
        Assert.Equal("Q1 Slack roles", read["name"]!.GetValue<string>());
        Assert.Equal("DENY", read["remediationSettings"]!["accessRevoked"]!.GetValue<string>());
        Assert.Equal(Zoe, read["reviewerSettings"]!["fallBackReviewerId"]!.GetValue<string>());

        using var missing = await sandbox.OktaAsync(HttpMethod.Get, $"{Campaigns}/ici00000000000000000");
        Assert.Equal(404, (int)missing.StatusCode);
        Assert.Equal("E0000007", (await TestSandbox.JsonAsync(missing))["errorCode"]!.GetValue<string>());
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "name", "/name" },
        { "remediationSettings.noResponse", "/remediationSettings/noResponse" },
        { "reviewerSettings.fallBackReviewerId", "/reviewerSettings/fallBackReviewerId" },
        { "scheduleSettings.timeZone=Mars/Olympus", "/scheduleSettings/timeZone" },
        { "scheduleSettings.durationInDays=0", "/scheduleSettings/durationInDays" },
        { "scheduleSettings.type=RECURRING", "/scheduleSettings/recurrence" },
        { "scheduleSettings.type=WEEKLY", "/scheduleSettings/type" },
        { "remediationSettings.accessRevoked=REMOVE", "/remediationSettings/accessRevoked" },
        { "reviewerSettings.type=USER", "/reviewerSettings/reviewerId" },
        { "reviewerSettings.fallBackReviewerId=00u1nobody0000000000", "/reviewerSettings/fallBackReviewerId" },
        { "resourceSettings.targetResources", "/resourceSettings/targetResources" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Create_refuses_what_the_spec_requires_with_E0000001_naming_the_field(string change, string location)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var body = Body(sandbox.AppId);
        var (path, value) = change.Contains('=') ? (change[..change.IndexOf('=')], change[(change.IndexOf('=') + 1)..]) : (change, null);
        var parts = path.Split('.');
        var parent = parts.Length == 1 ? body : body[parts[0]]!.AsObject();
        if (value is null)
        {
            parent.Remove(parts[^1]);
        }
        else
        {
            parent[parts[^1]] = int.TryParse(value, out var number) ? JsonValue.Create(number) : JsonValue.Create(value);
        }

        using var response = await sandbox.OktaAsync(HttpMethod.Post, Campaigns, body.ToJsonString());

        Assert.Equal(400, (int)response.StatusCode);
        var error = await TestSandbox.JsonAsync(response);
        Assert.Equal("E0000001", error["errorCode"]!.GetValue<string>());
        Assert.Equal(location, error["errorCauses"]![0]!["location"]!.GetValue<string>());
        Assert.Empty((await sandbox.OktaJsonAsync(Campaigns))["data"]!.AsArray());
    }

    [Fact]
    public async Task Create_refuses_unknown_resources_a_recurrence_that_overlaps_itself_and_recurrence_on_a_one_off()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        var unknownApp = Body("0oa1nosuchapp0000001");
        Assert.Equal("IDENTIFIER_NOT_FOUND", await CauseReason(sandbox, unknownApp));

        var foreignEntitlement = Body(sandbox.AppId);
        foreignEntitlement["resourceSettings"]!["targetResources"]![0]!["entitlements"]![0]!["id"] = "esp1sfprofile0000001";
        Assert.Equal("IDENTIFIER_NOT_FOUND", await CauseReason(sandbox, foreignEntitlement));

        var valuesNeeded = Body(sandbox.AppId);
        valuesNeeded["resourceSettings"]!["targetResources"]![0]!["entitlements"]![0]!["includeAllValues"] = false;
        Assert.Equal("REQUIRED_PROPERTY_MISSING", await CauseReason(sandbox, valuesNeeded));

        // The spec's own example: 21 days every 2 weeks conflicts with the next occurrence.
        var overlapping = Body(sandbox.AppId);
        overlapping["scheduleSettings"] = JsonNode.Parse("""{"type":"RECURRING","startDate":"2026-01-05T14:00:00Z","durationInDays":21,"timeZone":"UTC","recurrence":{"interval":"P2W"}}""");
        Assert.Equal("INVALID_VALUE", await CauseReason(sandbox, overlapping));

        var oneOff = Body(sandbox.AppId);
        oneOff["scheduleSettings"]!["recurrence"] = JsonNode.Parse("""{"interval":"P3M"}""");
        Assert.Equal("INVALID_VALUE", await CauseReason(sandbox, oneOff));

        var quarterly = Body(sandbox.AppId);
        quarterly["scheduleSettings"] = JsonNode.Parse("""{"type":"RECURRING","startDate":"2026-01-05T14:00:00Z","durationInDays":30,"timeZone":"UTC","recurrence":{"interval":"P3M","repeatOnType":"SAME_DAY_AS_START_DATE"}}""");
        using var accepted = await sandbox.OktaAsync(HttpMethod.Post, Campaigns, quarterly.ToJsonString());
        Assert.Equal(201, (int)accepted.StatusCode);
        Assert.Equal("P3M", (await TestSandbox.JsonAsync(accepted))["scheduleSettings"]!["recurrence"]!["interval"]!.GetValue<string>());
    }

    [Fact]
    public async Task Campaigns_need_the_certification_scopes_a_read_only_token_may_list_but_not_create()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var readOnly = sandbox.Host.Tokens.OktaReadOnlyToken;

        using var create = await sandbox.OktaAsync(HttpMethod.Post, Campaigns, Body(sandbox.AppId).ToJsonString(), readOnly);
        Assert.Equal(403, (int)create.StatusCode);
        using var list = await sandbox.OktaAsync(HttpMethod.Get, Campaigns, apiToken: readOnly);
        Assert.Equal(200, (int)list.StatusCode);
        using var stranger = await sandbox.OktaAsync(HttpMethod.Get, Campaigns, apiToken: "00not-a-token");
        Assert.Equal(401, (int)stranger.StatusCode);
    }

    [Fact]
    public async Task List_filters_on_name_and_status_orders_and_pages_with_next_links()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var first = await CreateAsync(sandbox, "Q1 Slack roles");
        await CreateAsync(sandbox, "Q2 Slack roles");
        await CreateAsync(sandbox, "Q1 Slack roles");
        await LaunchAsync(sandbox, first);

        var byName = await sandbox.OktaJsonAsync($"{Campaigns}?filter={Uri.EscapeDataString("name eq \"Q1 Slack roles\"")}");
        Assert.Equal(2, byName["data"]!.AsArray().Count);
        Assert.All(byName["data"]!.AsArray(), c => Assert.Equal("ONE_OFF", c!["scheduleType"]!.GetValue<string>()));
        Assert.All(byName["data"]!.AsArray(), c => Assert.Equal("REVIEWER_EXPRESSION", c!["reviewerType"]!.GetValue<string>()));

        var active = await sandbox.OktaJsonAsync($"{Campaigns}?filter={Uri.EscapeDataString("status eq \"ACTIVE\"")}");
        Assert.Equal(first, Assert.Single(active["data"]!.AsArray())!["id"]!.GetValue<string>());
        var bare = await sandbox.OktaJsonAsync($"{Campaigns}?filter={Uri.EscapeDataString("status eq \"SCHEDULED\" AND scheduleType eq ONE_OFF")}");
        Assert.Equal(2, bare["data"]!.AsArray().Count);

        var page1 = await sandbox.OktaJsonAsync($"{Campaigns}?limit=2&orderBy={Uri.EscapeDataString("name desc")}");
        Assert.Equal("Q2 Slack roles", page1["data"]![0]!["name"]!.GetValue<string>());
        var next = page1["_links"]!["next"]!["href"]!.GetValue<string>();
        var page2 = await TestSandbox.JsonAsync(await sandbox.OktaAsync(HttpMethod.Get, next));
        Assert.Equal("Q1 Slack roles", Assert.Single(page2["data"]!.AsArray())!["name"]!.GetValue<string>());
        Assert.Null(page2["_links"]!["next"]);

        using var byDate = await sandbox.OktaAsync(HttpMethod.Get, $"{Campaigns}?filter={Uri.EscapeDataString("startDate gt \"2022-05-24T14:15:22Z\"")}");
        Assert.Equal("E0000053", (await TestSandbox.JsonAsync(byDate))["errorCode"]!.GetValue<string>());
        using var badOrder = await sandbox.OktaAsync(HttpMethod.Get, $"{Campaigns}?orderBy=reviewerType");
        Assert.Equal("E0000029", (await TestSandbox.JsonAsync(badOrder))["errorCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Launch_makes_the_campaign_active_with_one_review_per_held_value_and_a_second_launch_is_a_409()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        GrantAuditLogs(sandbox, Alice);
        var id = await CreateAsync(sandbox);

        using var launched = await sandbox.OktaAsync(HttpMethod.Post, $"{Campaigns}/{id}/launch");

        Assert.Equal(202, (int)launched.StatusCode);
        Assert.EndsWith($"/governance/api/v1/campaigns/{id}", launched.Headers.Location!.ToString());
        Assert.Equal("ACTIVE", (await sandbox.OktaJsonAsync($"{Campaigns}/{id}"))["status"]!.GetValue<string>());
        var reviews = (await sandbox.Http.GetFromJsonAsync<JsonObject>($"_sandbox/oig/campaigns/{id}/reviews"))!["reviews"]!.AsArray();
        Assert.Equal([Alice, Heidi], reviews.Select(r => r!["principalId"]!.GetValue<string>()).Order());
        Assert.All(reviews, r => Assert.Equal("Rl0C", r!["entitlementValueExternalValue"]!.GetValue<string>()));
        Assert.All(reviews, r => Assert.Equal(Zoe, r!["reviewerId"]!.GetValue<string>())); // no managers in the sandbox: the fallback
        Assert.All(reviews, r => Assert.Equal("UNREVIEWED", r!["decision"]!.GetValue<string>()));

        using var again = await sandbox.OktaAsync(HttpMethod.Post, $"{Campaigns}/{id}/launch");
        Assert.Equal(409, (int)again.StatusCode);
        Assert.Equal("E0000195", (await TestSandbox.JsonAsync(again))["errorCode"]!.GetValue<string>());
        Assert.Equal(2, sandbox.Read(s => CampaignEndpointsFind(s, id).Reviews.Count));
    }

    [Fact]
    public async Task Launching_a_recurring_campaign_starts_an_instance_and_the_schedule_stays_scheduled()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var body = Body(sandbox.AppId);
        body["scheduleSettings"] = JsonNode.Parse("""{"type":"RECURRING","startDate":"2026-01-05T14:00:00Z","durationInDays":30,"timeZone":"UTC","recurrence":{"interval":"P3M"}}""");
        using var created = await sandbox.OktaAsync(HttpMethod.Post, Campaigns, body.ToJsonString());
        var id = (await TestSandbox.JsonAsync(created))["id"]!.GetValue<string>();

        using var launched = await sandbox.OktaAsync(HttpMethod.Post, $"{Campaigns}/{id}/launch");

        Assert.Equal(202, (int)launched.StatusCode);
        var instanceId = launched.Headers.Location!.ToString().Split('/')[^1];
        Assert.NotEqual(id, instanceId);
        var instance = await sandbox.OktaJsonAsync($"{Campaigns}/{instanceId}");
        Assert.Equal("ACTIVE", instance["status"]!.GetValue<string>());
        Assert.Equal(id, instance["recurringCampaignId"]!.GetValue<string>());
        Assert.Equal("ONE_OFF", instance["scheduleSettings"]!["type"]!.GetValue<string>());
        Assert.Equal("SCHEDULED", (await sandbox.OktaJsonAsync($"{Campaigns}/{id}"))["status"]!.GetValue<string>());
        using var again = await sandbox.OktaAsync(HttpMethod.Post, $"{Campaigns}/{id}/launch");
        Assert.Equal(409, (int)again.StatusCode);

        using var onSchedule = await sandbox.Http.PostAsJsonAsync($"_sandbox/oig/campaigns/{id}/decisions", Decisions((Heidi, "Rl0C", "REVOKE")));
        Assert.Equal(400, (int)onSchedule.StatusCode);
        Assert.Contains(instanceId, await onSchedule.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_revoke_decision_is_remediated_at_the_end_and_the_grant_leaves_the_listing_while_an_approval_stays()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        GrantAuditLogs(sandbox, Alice);
        var id = await CreateAsync(sandbox);
        await LaunchAsync(sandbox, id);

        using var decided = await sandbox.Http.PostAsJsonAsync($"_sandbox/oig/campaigns/{id}/decisions",
            Decisions((Heidi, "Rl0C", "REVOKE"), (Alice, "Rl0C", "APPROVE")));
        Assert.Equal(200, (int)decided.StatusCode);
        Assert.Equal(2, (await TestSandbox.JsonAsync(decided))["reviews"]!.AsArray().Count(r => r!["decision"]!.GetValue<string>() != "UNREVIEWED"));
        Assert.Single(await GrantsOf(sandbox, Heidi)); // nothing happens before the end

        using var ended = await sandbox.Http.PostAsync($"_sandbox/oig/campaigns/{id}/end", null);

        Assert.Equal(200, (int)ended.StatusCode);
        var summary = await TestSandbox.JsonAsync(ended);
        Assert.Equal("COMPLETED", summary["status"]!.GetValue<string>());
        var revoked = Assert.Single(summary["revoked"]!.AsArray())!;
        Assert.Equal(Heidi, revoked["oktaUserId"]!.GetValue<string>());
        Assert.Equal("Rl0C", revoked["roleId"]!.GetValue<string>());
        Assert.Empty(await GrantsOf(sandbox, Heidi));
        Assert.Single(await GrantsOf(sandbox, Alice));
        Assert.Contains((Heidi, AuditLogsValue), sandbox.Read(s => s.RevocationLog.ToList()));
        Assert.Equal("COMPLETED", (await sandbox.OktaJsonAsync($"{Campaigns}/{id}"))["status"]!.GetValue<string>());

        using var late = await sandbox.Http.PostAsJsonAsync($"_sandbox/oig/campaigns/{id}/decisions", Decisions((Alice, "Rl0C", "REVOKE")));
        Assert.Equal(400, (int)late.StatusCode);
        using var endAgain = await sandbox.Http.PostAsync($"_sandbox/oig/campaigns/{id}/end", null);
        Assert.Equal(400, (int)endAgain.StatusCode);
    }

    [Theory]
    [InlineData("00u1nobody0000000000", "Rl0C", "REVOKE", "unknown Okta user")]
    [InlineData(Heidi, "Rl0L", "REVOKE", "no review of role 'Rl0L'")]
    [InlineData(Alice, "Rl0C", "REVOKE", "no review of that user")]
    [InlineData(Heidi, "Rl0C", "DENY", "must be APPROVE or REVOKE")]
    public async Task A_decision_the_campaign_cannot_take_is_refused_and_none_of_the_batch_is_recorded(string user, string role, string decision, string message)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var id = await CreateAsync(sandbox);
        await LaunchAsync(sandbox, id);

        using var response = await sandbox.Http.PostAsJsonAsync($"_sandbox/oig/campaigns/{id}/decisions",
            Decisions((Heidi, "Rl0C", "APPROVE"), (user, role, decision)));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains(message, (await TestSandbox.JsonAsync(response))["error"]!.GetValue<string>());
        Assert.Equal("UNREVIEWED", sandbox.Read(s => CampaignEndpointsFind(s, id).Reviews.Single().Decision));
    }

    [Fact]
    public async Task Decisions_and_the_end_need_a_launched_campaign()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var id = await CreateAsync(sandbox);

        using var decided = await sandbox.Http.PostAsJsonAsync($"_sandbox/oig/campaigns/{id}/decisions", Decisions((Heidi, "Rl0C", "REVOKE")));
        Assert.Equal(400, (int)decided.StatusCode);
        Assert.Contains("not launched", await decided.Content.ReadAsStringAsync());
        using var ended = await sandbox.Http.PostAsync($"_sandbox/oig/campaigns/{id}/end", null);
        Assert.Equal(400, (int)ended.StatusCode);
        using var okta = await sandbox.OktaAsync(HttpMethod.Post, $"{Campaigns}/{id}/end");
        Assert.Equal(409, (int)okta.StatusCode);
        Assert.Equal("E0000170", (await TestSandbox.JsonAsync(okta))["errorCode"]!.GetValue<string>());
        using var unknown = await sandbox.Http.PostAsync("_sandbox/oig/campaigns/ici00000000000000000/end", null);
        Assert.Equal(404, (int)unknown.StatusCode);
    }

    [Fact]
    public async Task Remediation_follows_the_settings_no_action_keeps_a_revoked_grant_and_no_response_deny_revokes_the_unreviewed()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        GrantAuditLogs(sandbox, Alice);
        var body = Body(sandbox.AppId);
        body["remediationSettings"] = JsonNode.Parse("""{"accessApproved":"NO_ACTION","accessRevoked":"NO_ACTION","noResponse":"DENY"}""");
        using var created = await sandbox.OktaAsync(HttpMethod.Post, Campaigns, body.ToJsonString());
        var id = (await TestSandbox.JsonAsync(created))["id"]!.GetValue<string>();
        await LaunchAsync(sandbox, id);
        (await sandbox.Http.PostAsJsonAsync($"_sandbox/oig/campaigns/{id}/decisions", Decisions((Heidi, "Rl0C", "REVOKE")))).Dispose();

        // Okta's own end endpoint this time: 202 and the same remediation.
        using var ended = await sandbox.OktaAsync(HttpMethod.Post, $"{Campaigns}/{id}/end", """{"skipRemediation": false}""");

        Assert.Equal(202, (int)ended.StatusCode);
        Assert.Single(await GrantsOf(sandbox, Heidi)); // REVOKE with accessRevoked NO_ACTION: kept
        Assert.Empty(await GrantsOf(sandbox, Alice)); // no decision with noResponse DENY: revoked
    }

    [Fact]
    public async Task A_value_held_through_a_policy_grant_is_not_revoked_and_its_review_says_manual()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        sandbox.Change(s => s.Grants.Add("0gg1heidipolicy00001", new OigGrant
        {
            Id = "0gg1heidipolicy00001", GrantType = "POLICY", AppId = s.SlackAppId, PrincipalUserId = Heidi, Actor = "NONE",
            Entitlements = { [Esp] = [AuditLogsValue] },
        }));
        var id = await CreateAsync(sandbox);
        await LaunchAsync(sandbox, id);
        (await sandbox.Http.PostAsJsonAsync($"_sandbox/oig/campaigns/{id}/decisions", Decisions((Heidi, "Rl0C", "REVOKE")))).Dispose();

        using var ended = await sandbox.Http.PostAsync($"_sandbox/oig/campaigns/{id}/end", null);

        var summary = await TestSandbox.JsonAsync(ended);
        Assert.Empty(summary["revoked"]!.AsArray());
        Assert.Equal("MANUAL", Assert.Single(summary["reviews"]!.AsArray())!["remediationStatus"]!.GetValue<string>());
        Assert.Equal("POLICY", Assert.Single(await GrantsOf(sandbox, Heidi))!["grantType"]!.GetValue<string>());
    }

    private static OigCampaign CampaignEndpointsFind(SandboxState state, string id) => state.Campaigns.All.Single(c => c.Id == id);

    private static object Decisions(params (string User, string Role, string Decision)[] decisions) =>
        new { decisions = decisions.Select(d => new { oktaUserId = d.User, roleId = d.Role, decision = d.Decision }) };

    /// <summary>Gives the user an ENTITLEMENT grant of Audit Logs Admin (Rl0C), as a sync would.</summary>
    private static void GrantAuditLogs(TestSandbox sandbox, string userId) => sandbox.Change(s =>
    {
        var grant = new OigGrant { Id = s.Ids.Okta("0gg"), GrantType = "ENTITLEMENT", AppId = s.SlackAppId, PrincipalUserId = userId };
        grant.Entitlements[Esp] = [AuditLogsValue];
        s.Grants.Add(grant.Id, grant);
    });

    private static async Task<List<JsonNode?>> GrantsOf(TestSandbox sandbox, string userId)
    {
        var filter = TestSandbox.GrantFilter(sandbox.AppId, $"targetPrincipal.externalId eq \"{userId}\" AND entitlements.values.id eq \"{AuditLogsValue}\"");
        return [.. (await sandbox.OktaJsonAsync($"governance/api/v1/grants?filter={filter}"))["data"]!.AsArray()];
    }

    private static async Task<string> CreateAsync(TestSandbox sandbox, string name = "Q1 Slack roles")
    {
        using var created = await sandbox.OktaAsync(HttpMethod.Post, Campaigns, Body(sandbox.AppId, name).ToJsonString());
        Assert.Equal(201, (int)created.StatusCode);
        return (await TestSandbox.JsonAsync(created))["id"]!.GetValue<string>();
    }

    private static async Task LaunchAsync(TestSandbox sandbox, string id)
    {
        using var launched = await sandbox.OktaAsync(HttpMethod.Post, $"{Campaigns}/{id}/launch");
        Assert.Equal(202, (int)launched.StatusCode);
    }

    private static async Task<string?> CauseReason(TestSandbox sandbox, JsonObject body)
    {
        using var response = await sandbox.OktaAsync(HttpMethod.Post, Campaigns, body.ToJsonString());
        Assert.Equal(400, (int)response.StatusCode);
        return (await TestSandbox.JsonAsync(response))["errorCauses"]![0]!["reason"]?.GetValue<string>();
    }
}
