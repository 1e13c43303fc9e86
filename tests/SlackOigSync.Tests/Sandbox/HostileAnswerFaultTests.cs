using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Sandbox;

/// <summary>
/// Answer faults reach Okta and OIG lists as well as Slack's, and the hostile kinds really change the answer: foreign and
/// repeating next links, redirects, oversized bodies, null lists and gateway pages that echo the request's headers.
/// </summary>
public sealed class HostileAnswerFaultTests
{
    private const string AppUsers = "okta:GET /api/v1/apps/{appId}/users";
    private const string Users = "okta:GET /api/v1/users";
    private const string Entitlements = "oig:GET /governance/api/v1/entitlements";
    private const string Values = "oig:GET /governance/api/v1/entitlements/{id}/values";
    private const string Grants = "oig:GET /governance/api/v1/grants";
    private const string Assignments = "slack:admin.roles.listAssignments";
    private const string Foreign = "http://127.0.0.2:8081/stolen?after=x";
    private const string Esp = "esp1slacksysrole0001";

    [Fact]
    public async Task ForeignNextLink_points_Oktas_Link_header_elsewhere_once()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        sandbox.Host.AnswerFaults.Add(new AnswerFault(AppUsers, AnswerFaultKind.ForeignNextLink, Url: Foreign));
        var url = $"api/v1/apps/{sandbox.AppId}/users?limit=500";

        using (var faulted = await sandbox.OktaAsync(HttpMethod.Get, url))
        {
            Assert.Equal(Foreign, NextLink(faulted));
            Assert.Equal(5, (await TestSandbox.JsonAsync(faulted)).AsArray().Count);
        }

        using (var normal = await sandbox.OktaAsync(HttpMethod.Get, url))
        {
            Assert.Null(NextLink(normal));
        }

        Assert.Equal(1, sandbox.Host.Traffic.InjectedFaults["ForeignNextLink"]);
    }

    [Fact]
    public async Task ForeignNextLink_points_OIGs_next_href_and_Link_header_elsewhere()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        sandbox.Host.AnswerFaults.Add(new AnswerFault(Grants, AnswerFaultKind.ForeignNextLink, Url: Foreign));

        using var faulted = await sandbox.OktaAsync(HttpMethod.Get, $"governance/api/v1/grants?filter={TestSandbox.GrantFilter(sandbox.AppId)}");

        Assert.Equal(Foreign, NextLink(faulted));
        var body = await TestSandbox.JsonAsync(faulted);
        Assert.Equal(Foreign, body["_links"]!["next"]!["href"]!.GetValue<string>());
        Assert.Equal(3, body["data"]!.AsArray().Count);
    }

    [Fact]
    public async Task RepeatNextLink_on_Slack_serves_the_first_page_again_and_a_later_page_its_own_cursor_for_as_long_as_armed()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var first = await sandbox.SlackJsonAsync("admin.roles.listAssignments?limit=2");
        var second = await sandbox.SlackJsonAsync("admin.roles.listAssignments?limit=2&cursor=" + NextCursor(first));
        sandbox.Host.AnswerFaults.Add(new AnswerFault(Assignments, AnswerFaultKind.RepeatNextLink, Times: AnswerFault.Forever));

        var page = await sandbox.SlackJsonAsync("admin.roles.listAssignments?limit=2");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Keys(first), Keys(page));
            page = await sandbox.SlackJsonAsync("admin.roles.listAssignments?limit=2&cursor=" + NextCursor(page));
        }

        var cursor = NextCursor(first);
        var again = await sandbox.SlackJsonAsync("admin.roles.listAssignments?limit=2&cursor=" + cursor);
        Assert.Equal(cursor, NextCursor(again));
        Assert.Equal(Keys(second), Keys(again));

        Assert.Equal(AnswerFault.Forever, Assert.Single(sandbox.Host.AnswerFaults.Pending).Times);
        Assert.Equal(5, sandbox.Host.Traffic.InjectedFaults["RepeatNextLink"]);
    }

    [Fact]
    public async Task RepeatNextLink_on_Okta_and_OIG_links_to_the_request_itself_even_on_a_last_page()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        sandbox.Host.AnswerFaults.Add(new AnswerFault(Users, AnswerFaultKind.RepeatNextLink));
        sandbox.Host.AnswerFaults.Add(new AnswerFault(Values, AnswerFaultKind.RepeatNextLink));

        using (var users = await sandbox.OktaAsync(HttpMethod.Get, "api/v1/users?limit=3"))
        {
            var next = NextLink(users);
            Assert.Equal(new Uri(sandbox.Host.BaseUrl, "api/v1/users?limit=3").ToString(), next);
            Assert.Equal(Ids(await TestSandbox.JsonAsync(users)), Ids(await sandbox.OktaJsonAsync(next![sandbox.Host.BaseUrl.ToString().Length..])));
        }

        var values = await sandbox.OktaJsonAsync($"governance/api/v1/entitlements/{Esp}/values?limit=20");
        Assert.Equal(values["_links"]!["self"]!["href"]!.GetValue<string>(), values["_links"]!["next"]!["href"]!.GetValue<string>());
        Assert.Empty(sandbox.Host.AnswerFaults.Pending);
    }

    [Theory]
    [InlineData("slack")]
    [InlineData("okta")]
    [InlineData("oig")]
    public async Task Redirect_answers_302_to_the_url_instead_of_the_answer(string family)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var (endpoint, path, auth) = Target(sandbox, family);
        sandbox.Host.AnswerFaults.Add(new AnswerFault(endpoint, AnswerFaultKind.Redirect, Url: Foreign));
        using var raw = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = sandbox.Host.BaseUrl };

        using (var redirected = await Send(raw, path, auth))
        {
            Assert.Equal(302, (int)redirected.StatusCode);
            Assert.Equal(new Uri(Foreign), redirected.Headers.Location);
            Assert.False(redirected.Headers.Contains("Link"));
        }

        using (var normal = await Send(raw, path, auth))
        {
            Assert.Equal(200, (int)normal.StatusCode);
        }

        Assert.Equal(1, sandbox.Host.Traffic.InjectedFaults["Redirect"]);
    }

    [Theory]
    [InlineData("slack")]
    [InlineData("okta")]
    [InlineData("oig")]
    public async Task Oversize_pads_a_valid_answer_past_the_size_and_streams_it_without_a_length(string family)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var (endpoint, path, auth) = Target(sandbox, family);
        using var plain = await Send(sandbox.Http, path, auth);
        var normal = JsonNode.Parse(await plain.Content.ReadAsStringAsync())!;
        sandbox.Host.AnswerFaults.Add(new AnswerFault(endpoint, AnswerFaultKind.Oversize, Count: 1_000_000));

        using var big = await Send(sandbox.Http, path, auth);
        var text = await big.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)big.StatusCode);
        Assert.True(big.Headers.TransferEncodingChunked);
        Assert.InRange(text.Length, 1_000_000, 1_000_100);
        var parsed = JsonNode.Parse(text)!;
        if (parsed is JsonObject padded)
        {
            Assert.True(padded.Remove("padding"));
        }

        Assert.Equal(normal.ToJsonString(), parsed.ToJsonString());
        Assert.Equal(1, sandbox.Host.Traffic.InjectedFaults["Oversize"]);
    }

    [Fact]
    public async Task NullList_makes_each_familys_list_null()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        sandbox.Host.AnswerFaults.Add(new AnswerFault(Assignments, AnswerFaultKind.NullList));
        sandbox.Host.AnswerFaults.Add(new AnswerFault("slack:admin.users.list", AnswerFaultKind.NullList));
        sandbox.Host.AnswerFaults.Add(new AnswerFault(AppUsers, AnswerFaultKind.NullList));
        sandbox.Host.AnswerFaults.Add(new AnswerFault(Entitlements, AnswerFaultKind.NullList));

        var slack = (await sandbox.SlackJsonAsync("admin.roles.listAssignments")).AsObject();
        Assert.True(slack["ok"]!.GetValue<bool>());
        Assert.True(slack.ContainsKey("role_assignments"));
        Assert.Null(slack["role_assignments"]);
        var users = (await sandbox.SlackJsonAsync("admin.users.list")).AsObject();
        Assert.True(users.ContainsKey("users"));
        Assert.Null(users["users"]);

        using (var okta = await sandbox.OktaAsync(HttpMethod.Get, $"api/v1/apps/{sandbox.AppId}/users"))
        {
            Assert.Equal(200, (int)okta.StatusCode);
            Assert.Equal("null", await okta.Content.ReadAsStringAsync());
        }

        var oig = (await sandbox.OktaJsonAsync($"governance/api/v1/entitlements?filter={EntitlementFilter(sandbox)}")).AsObject();
        Assert.True(oig.ContainsKey("data"));
        Assert.Null(oig["data"]);
        Assert.NotNull(oig["_links"]);

        Assert.Equal(4, sandbox.Host.Traffic.InjectedFaults["NullList"]);
        Assert.Equal(2, (await sandbox.OktaJsonAsync($"governance/api/v1/entitlements?filter={EntitlementFilter(sandbox)}"))["data"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("slack")]
    [InlineData("okta")]
    [InlineData("oig")]
    public async Task EchoHeaders_answers_a_502_html_page_that_echoes_the_authorization_header(string family)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var (endpoint, path, auth) = Target(sandbox, family);
        sandbox.Host.AnswerFaults.Add(new AnswerFault(endpoint, AnswerFaultKind.EchoHeaders));

        using var echoed = await Send(sandbox.Http, path, auth);

        Assert.Equal(502, (int)echoed.StatusCode);
        Assert.Equal("text/html", echoed.Content.Headers.ContentType!.MediaType);
        var page = await echoed.Content.ReadAsStringAsync();
        Assert.Contains("502 Bad Gateway", page, StringComparison.Ordinal);
        Assert.Contains($"Authorization: {auth}", page, StringComparison.Ordinal);

        using var normal = await Send(sandbox.Http, path, auth);
        Assert.Equal(200, (int)normal.StatusCode);
        Assert.Equal(1, sandbox.Host.Traffic.InjectedFaults["EchoHeaders"]);
    }

    [Fact]
    public async Task OmitField_DropItems_and_EndEarly_work_on_Okta_and_OIG_items_and_links()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        sandbox.Host.AnswerFaults.Add(new AnswerFault(AppUsers, AnswerFaultKind.OmitField, Field: "id"));
        sandbox.Host.AnswerFaults.Add(new AnswerFault(Entitlements, AnswerFaultKind.OmitField, Field: "id"));
        sandbox.Host.AnswerFaults.Add(new AnswerFault(Users, AnswerFaultKind.DropItems, Count: 2));
        sandbox.Host.AnswerFaults.Add(new AnswerFault(Grants, AnswerFaultKind.EndEarly));

        var appUsers = await sandbox.OktaJsonAsync($"api/v1/apps/{sandbox.AppId}/users");
        Assert.Equal(5, appUsers.AsArray().Count);
        Assert.All(appUsers.AsArray(), u => Assert.False(u!.AsObject().ContainsKey("id")));
        var entitlements = (await sandbox.OktaJsonAsync($"governance/api/v1/entitlements?filter={EntitlementFilter(sandbox)}"))["data"]!.AsArray();
        Assert.Equal(2, entitlements.Count);
        Assert.All(entitlements, e => Assert.False(e!.AsObject().ContainsKey("id")));

        using (var users = await sandbox.OktaAsync(HttpMethod.Get, "api/v1/users?limit=3"))
        {
            Assert.NotNull(NextLink(users));
            Assert.Single((await TestSandbox.JsonAsync(users)).AsArray());
        }

        // A single page has no next link to lose: EndEarly waits for one that has.
        var grantsUrl = $"governance/api/v1/grants?filter={TestSandbox.GrantFilter(sandbox.AppId)}";
        Assert.Null((await sandbox.OktaJsonAsync(grantsUrl))["_links"]!["next"]);
        Assert.Single(sandbox.Host.AnswerFaults.Pending);
        using (var ended = await sandbox.OktaAsync(HttpMethod.Get, grantsUrl + "&limit=1"))
        {
            Assert.Null(NextLink(ended));
            var body = await TestSandbox.JsonAsync(ended);
            Assert.Null(body["_links"]!["next"]);
            Assert.Single(body["data"]!.AsArray());
        }

        Assert.NotNull((await sandbox.OktaJsonAsync(grantsUrl + "&limit=1"))["_links"]!["next"]);
        Assert.Empty(sandbox.Host.AnswerFaults.Pending);
        var faults = sandbox.Host.Traffic.InjectedFaults;
        Assert.Equal((2L, 1L, 1L), (faults["OmitField"], faults["DropItems"], faults["EndEarly"]));
    }

    [Fact]
    public async Task The_control_api_arms_new_kinds_with_a_url_and_refuses_impossible_combinations()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        const string url = "_sandbox/faults/answers";

        using (var ok = await sandbox.Http.PostAsJsonAsync(url, new { endpoint = Grants, kind = "ForeignNextLink", url = Foreign, times = 2 }))
        {
            Assert.Equal(204, (int)ok.StatusCode);
        }

        var pending = JsonNode.Parse(await sandbox.Http.GetStringAsync(url))!.AsArray();
        Assert.Equal(Foreign, Assert.Single(pending)!["url"]!.GetValue<string>());
        Assert.Equal("ForeignNextLink", pending[0]!["kind"]!.GetValue<string>());

        object[] refused =
        [
            new { endpoint = Assignments, kind = "ForeignNextLink", url = Foreign },
            new { endpoint = Grants, kind = "ForeignNextLink" },
            new { endpoint = Grants, kind = "Redirect", url = "/relative" },
            new { endpoint = Grants, kind = "NullList", url = Foreign },
            new { endpoint = "slack:users.info", kind = "NullList" },
            new { endpoint = "slack:users.lookupByEmail", kind = "RepeatNextLink" },
            new { endpoint = Values, kind = "Oversize", count = 0 },
            new { endpoint = "oig:POST /governance/api/v1/grants", kind = "EchoHeaders" },
            new { endpoint = "slack:unknown_method", kind = "EchoHeaders" },
        ];
        foreach (var body in refused)
        {
            using var response = await sandbox.Http.PostAsJsonAsync(url, body);
            Assert.Equal(400, (int)response.StatusCode);
            Assert.False(string.IsNullOrWhiteSpace((await TestSandbox.JsonAsync(response))["error"]!.GetValue<string>()));
        }

        Assert.Single(sandbox.Host.AnswerFaults.Pending);
        Assert.Throws<ArgumentException>(() => sandbox.Host.AnswerFaults.Add(new AnswerFault(Assignments, AnswerFaultKind.ForeignNextLink, Url: Foreign)));
        using (var users = await sandbox.Http.PostAsJsonAsync(url, new { endpoint = "slack:users.info", kind = "EchoHeaders" }))
        {
            Assert.Equal(204, (int)users.StatusCode);
        }
    }

    private static (string Endpoint, string Path, string Authorization) Target(TestSandbox sandbox, string family) => family switch
    {
        "slack" => (Assignments, "slack/api/admin.roles.listAssignments?limit=5", "Bearer " + sandbox.Host.Tokens.SlackUserToken),
        "okta" => (AppUsers, $"api/v1/apps/{sandbox.AppId}/users?limit=2", "SSWS " + sandbox.Host.Tokens.OktaApiToken),
        _ => (Grants, $"governance/api/v1/grants?filter={TestSandbox.GrantFilter(sandbox.AppId)}&include=full_entitlements", "SSWS " + sandbox.Host.Tokens.OktaApiToken),
    };

    private static async Task<HttpResponseMessage> Send(HttpClient client, string path, string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        return await client.SendAsync(request);
    }

    private static string EntitlementFilter(TestSandbox sandbox) =>
        Uri.EscapeDataString($"parent.externalId eq \"{sandbox.AppId}\" AND parent.type eq \"APPLICATION\"");

    private static string? NextLink(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Link", out var values)
            ? values.SelectMany(v => v.Split(',')).Select(v => v.Trim()).Where(v => v.EndsWith("rel=\"next\"", StringComparison.Ordinal))
                .Select(v => v[1..v.IndexOf('>', StringComparison.Ordinal)]).SingleOrDefault()
            : null;

    private static string NextCursor(JsonNode page) => page["response_metadata"]!["next_cursor"]!.GetValue<string>();

    private static List<string> Keys(JsonNode page) =>
        [.. page["role_assignments"]!.AsArray().Select(a => $"{a!["role_id"]}|{a["user_id"]}|{a["entity_id"]}")];

    private static List<string> Ids(JsonNode list) => [.. list.AsArray().Select(u => u!["id"]!.GetValue<string>())];
}
