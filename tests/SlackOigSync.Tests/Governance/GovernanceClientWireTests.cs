using System.Text.Json;
using SlackOigSync.Configuration;
using SlackOigSync.Governance;
using SlackOigSync.Http;
using SlackOigSync.Okta;
using SlackOigSync.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace SlackOigSync.Tests.Governance;

/// <summary>GovernanceClient against answers written byte for byte (WireMock.Net): _links paging, malformed pages, and the bodies it sends.</summary>
public sealed class GovernanceClientWireTests : IDisposable
{
    private const string AppId = "0oaSlack";
    private const string Entitlements = "/governance/api/v1/entitlements";

    private readonly WireApi _wire = new();
    private readonly GovernanceClient _client;

    public GovernanceClientWireTests() => _client = new GovernanceClient(_wire.Http(), new HttpResilienceSettings(), OktaCredentialHints.ApiToken);

    public void Dispose() => _wire.Dispose();

    [Fact]
    public async Task The_entitlement_is_found_on_a_later_page_by_following_links_next()
    {
        _wire.On(Request.Create().WithPath(Entitlements).UsingGet().WithParam("after", "esp1"), WireApi.Json("""
            {"data":[{"id":"esp2","externalValue":"slack_system_roles","name":"Slack system roles","values":[{"id":"ent1","externalValue":"Rl01"}]}],"_links":{"self":{"href":"ignored"}}}
            """), priority: 1);
        _wire.On(Request.Create().WithPath(Entitlements).UsingGet(), WireApi.Json($$$$"""
            {"data":[{"id":"esp1","externalValue":"other_attribute"}],"_links":{"next":{"href":"{{{{_wire.Url}}}}{{{{Entitlements}}}}?after=esp1&limit=200"}}}
            """));

        var found = await _client.FindEntitlementAsync(AppId, "slack_system_roles", CancellationToken.None);

        Assert.Equal("esp2", found?.Id);
        Assert.Equal("Rl01", Assert.Single(found!.Values!).ExternalValue);
        var requests = _wire.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(["parent.externalId eq \"0oaSlack\" AND parent.type eq \"APPLICATION\""], requests[0].Query!["filter"]);
        Assert.Equal(["200"], requests[0].Query!["limit"]);
        Assert.Equal(["esp1"], requests[1].Query!["after"]);
    }

    [Fact]
    public async Task No_entitlement_with_the_external_value_is_null()
    {
        _wire.On(Request.Create().WithPath(Entitlements).UsingGet(), WireApi.Json("""{"data":[{"id":"esp1","externalValue":"other_attribute"}]}"""));

        Assert.Null(await _client.FindEntitlementAsync(AppId, "slack_system_roles", CancellationToken.None));
    }

    [Fact]
    public async Task Two_entitlements_with_the_same_external_value_are_ambiguous_not_a_guess()
    {
        _wire.On(Request.Create().WithPath(Entitlements).UsingGet().WithParam("after", "espA"), WireApi.Json("""
            {"data":[{"id":"espB","externalValue":"slack_system_roles"}]}
            """), priority: 1);
        _wire.On(Request.Create().WithPath(Entitlements).UsingGet(), WireApi.Json($$$$"""
            {"data":[{"id":"espA","externalValue":"slack_system_roles"}],"_links":{"next":{"href":"{{{{_wire.Url}}}}{{{{Entitlements}}}}?after=espA"}}}
            """));

        var e = await Assert.ThrowsAsync<ApiException>(() => _client.FindEntitlementAsync(AppId, "slack_system_roles", CancellationToken.None));

        Assert.Equal("ambiguous_entitlement", e.Code);
        Assert.Contains("app 0oaSlack has 2 entitlements with externalValue 'slack_system_roles' (espA, espB); the sync manages exactly one.", e.Message);
    }

    [Theory]
    [InlineData("""{"data":[{"externalValue":"slack_system_roles"}]}""")]
    [InlineData("""{"data":[{"id":"","externalValue":"slack_system_roles"}]}""")]
    [InlineData("""{"data":[{"id":null,"externalValue":"slack_system_roles"}]}""")]
    [InlineData("""{"data":[null]}""")]
    [InlineData("""{"data":null}""")]
    [InlineData("""{"_links":{}}""")]
    [InlineData("""[{"id":"esp1","externalValue":"slack_system_roles"}]""")]
    public async Task A_page_with_an_item_without_an_id_or_without_data_is_malformed_never_empty(string body)
    {
        _wire.On(Request.Create().WithPath(Entitlements).UsingGet(), WireApi.Json(body));

        var e = await Assert.ThrowsAsync<ApiException>(() => _client.FindEntitlementAsync(AppId, "slack_system_roles", CancellationToken.None));

        Assert.Equal("malformed_response", e.Code);
    }

    [Fact]
    public async Task A_links_next_to_another_origin_is_refused()
    {
        _wire.On(Request.Create().WithPath(Entitlements).UsingGet(), WireApi.Json("""
            {"data":[],"_links":{"next":{"href":"https://acme.okta.com.evil.example/governance/api/v1/entitlements?after=x"}}}
            """));

        var e = await Assert.ThrowsAsync<ApiException>(() => _client.FindEntitlementAsync(AppId, "slack_system_roles", CancellationToken.None));

        Assert.Equal("foreign_link", e.Code);
        Assert.Single(_wire.Requests);
    }

    [Fact]
    public async Task A_404_names_the_app_and_the_governance_engine()
    {
        _wire.On(Request.Create().WithPath(Entitlements).UsingGet(), WireApi.Json("""
            {"errorCode":"E0000007","errorSummary":"Not found: Resource not found: 0oaSlack (App)","errorCauses":[]}
            """, 404));

        var e = await Assert.ThrowsAsync<ApiException>(() => _client.FindEntitlementAsync(AppId, "slack_system_roles", CancellationToken.None));

        Assert.Equal("E0000007", e.Code);
        Assert.Contains("Okta Governance list entitlements failed (HTTP 404, E0000007): Not found: Resource not found: 0oaSlack (App). Okta answered 404 for app 0oaSlack: either Okta:SlackAppId is wrong or entitlement management (Governance Engine) is not enabled on that app.", e.Message);
    }

    [Fact]
    public async Task Values_are_read_across_pages()
    {
        const string values = Entitlements + "/esp1/values";
        _wire.On(Request.Create().WithPath(values).UsingGet().WithParam("after", "ent1"), WireApi.Json("""{"data":[{"id":"ent2","externalValue":"Rl02","orn":"orn:okta:ent2"}]}"""), priority: 1);
        _wire.On(Request.Create().WithPath(values).UsingGet(), WireApi.Json($$$$"""
            {"data":[{"id":"ent1","externalValue":"Rl01","name":"Org Admin"}],"_links":{"next":{"href":"{{{{values}}}}?after=ent1&limit=200"}}}
            """));

        var all = await _client.ListValuesAsync("esp1", AppId, CancellationToken.None);

        Assert.Equal(["Rl01", "Rl02"], all.Select(v => v.ExternalValue));
        Assert.Equal("orn:okta:ent2", all[1].Orn);
    }

    [Fact]
    public async Task More_than_100_value_operations_go_out_as_two_patches_of_100_and_50()
    {
        _wire.On(Request.Create().WithPath(Entitlements + "/esp1").UsingPatch(), WireApi.Json("""
            {"id":"esp1","externalValue":"slack_system_roles","values":[{"id":"ent1","externalValue":"Rl000"}]}
            """));
        var values = Enumerable.Range(0, 150).Select(i => new NewEntitlementValue($"Role {i}", $"Rl{i:000}", i == 0 ? null : $"Slack role {i}")).ToList();

        var entitlement = await _client.AddValuesAsync("esp1", AppId, values, CancellationToken.None);

        Assert.Equal("esp1", entitlement.Id);
        var requests = _wire.Requests;
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal("PATCH", r.Method));
        var first = JsonDocument.Parse(requests[0].Body!).RootElement;
        var second = JsonDocument.Parse(requests[1].Body!).RootElement;
        Assert.Equal(100, first.GetArrayLength());
        Assert.Equal(50, second.GetArrayLength());
        Assert.Equal(
            """{"op":"ADD","path":"/values/-","value":{"name":"Role 0","externalValue":"Rl000"},"refType":"ENTITLEMENT-VALUE"}""",
            first[0].GetRawText());
        Assert.Equal(
            """{"op":"ADD","path":"/values/-","value":{"name":"Role 149","externalValue":"Rl149","description":"Slack role 149"},"refType":"ENTITLEMENT-VALUE"}""",
            second[49].GetRawText());
        Assert.Equal(
            Enumerable.Range(0, 150).Select(i => $"Rl{i:000}"),
            first.EnumerateArray().Concat(second.EnumerateArray()).Select(o => o.GetProperty("value").GetProperty("externalValue").GetString()));
    }

    [Fact]
    public async Task A_rename_replaces_the_value_by_its_id()
    {
        _wire.On(Request.Create().WithPath(Entitlements + "/esp1").UsingPatch(), WireApi.Json("""{"id":"esp1","externalValue":"slack_system_roles"}"""));

        await _client.RenameValuesAsync("esp1", AppId, [("ent7", new NewEntitlementValue("Workspace Admin", "Rl07", "renamed"))], CancellationToken.None);

        Assert.Equal(
            """[{"op":"REPLACE","path":"/values/ent7","value":{"name":"Workspace Admin","externalValue":"Rl07","description":"renamed"},"refType":"ENTITLEMENT-VALUE"}]""",
            Assert.Single(_wire.Requests).Body);
    }

    [Theory]
    [InlineData("""{"id":"esp1","externalValue":"slack_system_roles","values":[null]}""")]
    [InlineData("""{"id":"esp1","externalValue":"slack_system_roles","values":[{"id":"ent1"}]}""")]
    [InlineData("""{"externalValue":"slack_system_roles"}""")]
    public async Task A_patch_answer_missing_what_the_sync_uses_is_malformed(string body)
    {
        _wire.On(Request.Create().WithPath(Entitlements + "/esp1").UsingPatch(), WireApi.Json(body));

        var e = await Assert.ThrowsAsync<ApiException>(() => _client.AddValuesAsync("esp1", AppId, [new NewEntitlementValue("Role", "Rl01", null)], CancellationToken.None));

        Assert.Equal("malformed_response", e.Code);
    }

    [Fact]
    public async Task Create_entitlement_sends_a_multi_valued_string_entitlement_on_the_app()
    {
        _wire.On(Request.Create().WithPath(Entitlements).UsingPost(), WireApi.Json("""{"id":"espNew","externalValue":"slack_system_roles","values":[{"id":"ent1","externalValue":"Rl01"}]}""", 201));

        var created = await _client.CreateEntitlementAsync(AppId, "Slack system roles", "slack_system_roles", "Managed by slack-oig-sync",
            [new NewEntitlementValue("Org Admin", "Rl01", "Slack Org Admin")], CancellationToken.None);

        Assert.Equal("espNew", created.Id);
        Assert.Equal(
            """{"name":"Slack system roles","externalValue":"slack_system_roles","description":"Managed by slack-oig-sync","parent":{"externalId":"0oaSlack","type":"APPLICATION"},"multiValue":true,"dataType":"string","values":[{"name":"Org Admin","externalValue":"Rl01","description":"Slack Org Admin"}]}""",
            Assert.Single(_wire.Requests).Body);
    }

    [Fact]
    public async Task A_grant_is_an_entitlement_grant_on_the_application_for_the_okta_user_made_by_the_api()
    {
        _wire.On(Request.Create().WithPath("/governance/api/v1/grants").UsingPost(), WireApi.Json("""
            {"id":"gra1","grantType":"ENTITLEMENT","targetPrincipal":{"externalId":"00u1","type":"OKTA_USER"},"status":"ACTIVE"}
            """, 201));

        var grant = await _client.GrantAsync(AppId, "esp1", "00u1", ["ent1", "ent2"], CancellationToken.None);

        Assert.Equal("gra1", grant.Id);
        Assert.True(grant.IsActive);
        var request = Assert.Single(_wire.Requests);
        Assert.StartsWith("application/json", request.Headers!["Content-Type"].Single());
        Assert.Equal(
            """{"grantType":"ENTITLEMENT","target":{"externalId":"0oaSlack","type":"APPLICATION"},"targetPrincipal":{"externalId":"00u1","type":"OKTA_USER"},"entitlements":[{"id":"esp1","values":[{"id":"ent1"},{"id":"ent2"}]}],"actor":"API"}""",
            request.Body);
    }

    [Fact]
    public async Task A_grant_answer_without_a_grant_type_is_malformed()
    {
        _wire.On(Request.Create().WithPath("/governance/api/v1/grants").UsingPost(), WireApi.Json("""{"id":"gra1","targetPrincipal":{"externalId":"00u1","type":"OKTA_USER"}}""", 201));

        var e = await Assert.ThrowsAsync<ApiException>(() => _client.GrantAsync(AppId, "esp1", "00u1", ["ent1"], CancellationToken.None));

        Assert.Equal("malformed_response", e.Code);
        Assert.Contains("grantType", e.Message);
    }

    [Fact]
    public async Task Grants_are_listed_for_the_app_entitlement_and_user_with_full_entitlements()
    {
        _wire.On(Request.Create().WithPath("/governance/api/v1/grants").UsingGet(), WireApi.Json("""
            {"data":[{"id":"gra1","grantType":"ENTITLEMENT","targetPrincipal":{"externalId":"00u1","type":"OKTA_USER"},"entitlements":[{"id":"esp1","values":[{"id":"ent1"}]}],"status":"SCHEDULED"},
                     {"id":"gra2","grantType":"POLICY","targetPrincipal":{"externalId":"00u1","type":"OKTA_USER"}}]}
            """));

        var grants = await _client.StreamGrantsAsync(AppId, "esp1", "00u1", CancellationToken.None).ToListAsync();

        Assert.Equal(["gra1", "gra2"], grants.Select(g => g.Id));
        Assert.False(grants[0].IsActive);
        Assert.False(grants[1].IsEntitlementGrant);
        var request = Assert.Single(_wire.Requests);
        Assert.Equal(
            ["target.externalId eq \"0oaSlack\" AND target.type eq \"APPLICATION\" AND entitlements.id eq \"esp1\" AND targetPrincipal.externalId eq \"00u1\" AND targetPrincipal.type eq \"OKTA_USER\""],
            request.Query!["filter"]);
        Assert.Equal(["full_entitlements"], request.Query["include"]);
    }

    [Fact]
    public async Task Revoke_posts_the_principal_and_the_value_orns_as_the_api_to_v2()
    {
        _wire.On(Request.Create().WithPath("/governance/api/v2/revoke-principal-access").UsingPost(), Response.Create().WithStatusCode(204));

        await _client.RevokeAsync("orn:okta:directory:00o1:users:00u1", ["orn:okta:governance:00o1:entitlement-values:ent1", "orn:okta:governance:00o1:entitlement-values:ent2"], AppId, CancellationToken.None);

        Assert.Equal(
            """{"principalOrn":"orn:okta:directory:00o1:users:00u1","revokeOrns":["orn:okta:governance:00o1:entitlement-values:ent1","orn:okta:governance:00o1:entitlement-values:ent2"],"actor":"API"}""",
            Assert.Single(_wire.Requests).Body);
    }

    [Fact]
    public async Task A_refused_revocation_throws_with_oktas_sentence()
    {
        _wire.On(Request.Create().WithPath("/governance/api/v2/revoke-principal-access").UsingPost(), WireApi.Json("""
            {"errorCode":"E0000001","errorSummary":"Api validation failed: revokeOrns","errorCauses":[{"errorSummary":"revokeOrns: size must be between 1 and 5"}]}
            """, 400));

        var e = await Assert.ThrowsAsync<ApiException>(() => _client.RevokeAsync("orn:p", ["orn:v"], AppId, CancellationToken.None));

        Assert.Equal("E0000001", e.Code);
        Assert.Contains("(HTTP 400, E0000001): Api validation failed: revokeOrns (revokeOrns: size must be between 1 and 5).", e.Message);
    }

    [Fact]
    public async Task Principal_entitlements_give_the_values_held_of_this_entitlement_only()
    {
        _wire.On(Request.Create().WithPath("/governance/api/v1/principal-entitlements").UsingGet(), WireApi.Json("""
            {"data":[{"id":"espOther","values":[{"id":"entX"}]},{"id":"esp1","values":[{"id":"ent1"},{"id":"ent2"}]},{"id":"esp1"}]}
            """));

        var held = await _client.PrincipalValueIdsAsync(AppId, "esp1", "00u1", CancellationToken.None);

        Assert.Equal(["ent1", "ent2"], held.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["parent.externalId eq \"0oaSlack\" AND parent.type eq \"APPLICATION\" AND targetPrincipal.externalId eq \"00u1\" AND targetPrincipal.type eq \"OKTA_USER\""],
            Assert.Single(_wire.Requests).Query!["filter"]);
    }

    [Fact]
    public async Task Principal_entitlements_with_a_value_without_an_id_are_malformed()
    {
        _wire.On(Request.Create().WithPath("/governance/api/v1/principal-entitlements").UsingGet(), WireApi.Json("""{"data":[{"id":"esp1","values":[{"name":"Org Admin"}]}]}"""));

        var e = await Assert.ThrowsAsync<ApiException>(() => _client.PrincipalValueIdsAsync(AppId, "esp1", "00u1", CancellationToken.None));

        Assert.Equal("malformed_response", e.Code);
    }

    [Fact]
    public async Task A_campaign_is_created_as_an_entitlement_review_of_the_app()
    {
        _wire.On(Request.Create().WithPath("/governance/api/v1/campaigns").UsingPost(), WireApi.Json("""
            {"id":"icirc1","name":"Slack roles","status":"SCHEDULED","scheduleType":"RECURRING"}
            """, 201));
        var settings = new CampaignSettings { FallbackReviewerId = "00uFallback", StartDate = "2027-01-04T09:00:00+00:00" };

        var campaign = await _client.CreateCampaignAsync(CampaignBody.Build(settings, "Slack roles", AppId, "esp1", DateTimeOffset.UnixEpoch), AppId, CancellationToken.None);

        Assert.Equal("icirc1", campaign.Id);
        var body = JsonDocument.Parse(Assert.Single(_wire.Requests).Body!).RootElement;
        Assert.Equal("Slack roles", body.GetProperty("name").GetString());
        Assert.Equal("RESOURCE", body.GetProperty("campaignType").GetString());
        Assert.Equal(
            """{"targetTypes":["APPLICATION"],"includeEntitlements":true,"targetResources":[{"resourceId":"0oaSlack","resourceType":"APPLICATION","entitlements":[{"id":"esp1","includeAllValues":true}]}]}""",
            body.GetProperty("resourceSettings").GetRawText());
        Assert.Equal(
            """{"type":"REVIEWER_EXPRESSION","reviewerScopeExpression":"user.profile.managerId","fallBackReviewerId":"00uFallback"}""",
            body.GetProperty("reviewerSettings").GetRawText());
        Assert.Equal(
            """{"type":"RECURRING","startDate":"2027-01-04T09:00:00\u002B00:00","durationInDays":14,"timeZone":"UTC","recurrence":{"interval":"P3M"}}""",
            body.GetProperty("scheduleSettings").GetRawText());
    }

    [Fact]
    public async Task Campaigns_found_by_name_are_the_exact_matches_whatever_the_server_filtered()
    {
        _wire.On(Request.Create().WithPath("/governance/api/v1/campaigns").UsingGet(), WireApi.Json("""
            {"data":[{"id":"ici1","name":"Slack \"roles\"","status":"ACTIVE"},{"id":"ici2","name":"slack \"roles\"","status":"ACTIVE"},{"id":"ici3","name":"Slack \"roles\"","status":"COMPLETED"}]}
            """));

        var found = await _client.FindCampaignsByNameAsync("Slack \"roles\"", AppId, CancellationToken.None);

        Assert.Equal(["ici1", "ici3"], found.Select(c => c.Id));
        Assert.Equal(["name eq \"Slack \\\"roles\\\"\""], Assert.Single(_wire.Requests).Query!["filter"]);
    }

    [Fact]
    public async Task Launch_returns_the_instance_named_by_an_absolute_location()
    {
        _wire.On(Request.Create().WithPath("/governance/api/v1/campaigns/icirc1/launch").UsingPost(),
            Response.Create().WithStatusCode(202).WithHeader("Location", $"{_wire.Url}/governance/api/v1/campaigns/iciInstance7"));

        Assert.Equal("iciInstance7", await _client.LaunchCampaignAsync("icirc1", AppId, CancellationToken.None));
        Assert.True(string.IsNullOrEmpty(Assert.Single(_wire.Requests).Body));
    }

    [Fact]
    public async Task Launch_without_a_location_returns_null()
    {
        _wire.On(Request.Create().WithPath("/governance/api/v1/campaigns/ici1/launch").UsingPost(), Response.Create().WithStatusCode(202));

        Assert.Null(await _client.LaunchCampaignAsync("ici1", AppId, CancellationToken.None));
    }

    [Fact]
    public async Task Launch_returns_the_instance_named_by_a_relative_location()
    {
        // RFC 9110 allows a relative Location; it names the instance as well as an absolute one does.
        _wire.On(Request.Create().WithPath("/governance/api/v1/campaigns/icirc1/launch").UsingPost(),
            Response.Create().WithStatusCode(202).WithHeader("Location", "/governance/api/v1/campaigns/iciInstance7"));

        Assert.Equal("iciInstance7", await _client.LaunchCampaignAsync("icirc1", AppId, CancellationToken.None));
    }

    [Fact]
    public async Task Launching_a_campaign_that_is_not_scheduled_throws_oktas_conflict()
    {
        _wire.On(Request.Create().WithPath("/governance/api/v1/campaigns/ici1/launch").UsingPost(), WireApi.Json("""
            {"errorCode":"E0000170","errorSummary":"The campaign cannot be launched because it is not in SCHEDULED status.","errorCauses":[]}
            """, 409));

        var e = await Assert.ThrowsAsync<ApiException>(() => _client.LaunchCampaignAsync("ici1", AppId, CancellationToken.None));

        Assert.Equal("E0000170", e.Code);
        Assert.Equal(409, e.StatusCode);
        Assert.EndsWith("(HTTP 409, E0000170): The campaign cannot be launched because it is not in SCHEDULED status.", e.Message);
    }
}
