using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using SlackOigSync.Http;
using SlackOigSync.Sandbox.Seed;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Sandbox;

public sealed class PagingContractTests
{
    private static readonly SandboxSeed Generated = SeedGenerator.Generate(new GeneratedOrgSpec(SlackUsers: 1_200, Assignments: 450, RandomSeed: 3));

    [Theory]
    [InlineData(1)]
    [InlineData(200)]
    public async Task Slack_role_assignments_page_every_item_exactly_once(int limit)
    {
        await using var sandbox = await TestSandbox.StartAsync(Generated);
        var seen = new List<string>();
        string cursor = string.Empty;
        do
        {
            var page = await sandbox.SlackJsonAsync($"admin.roles.listAssignments?limit={limit}" + (cursor.Length > 0 ? "&cursor=" + Uri.EscapeDataString(cursor) : string.Empty));
            Assert.True(page["ok"]!.GetValue<bool>());
            var items = page["role_assignments"]!.AsArray();
            Assert.InRange(items.Count, 0, limit);
            seen.AddRange(items.Select(a => $"{a!["role_id"]}|{a["user_id"]}|{a["entity_id"]}"));
            cursor = page["response_metadata"]!["next_cursor"]!.GetValue<string>();
        }
        while (cursor.Length > 0);

        Assert.Equal(Generated.RoleAssignments.Count, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(200)]
    [InlineData(500)]
    public async Task Okta_app_users_follow_link_headers_to_every_user_exactly_once(int limit)
    {
        await using var sandbox = await TestSandbox.StartAsync(Generated);
        var ids = new List<string>();
        Uri? next = new($"api/v1/apps/{sandbox.AppId}/users?limit={limit}", UriKind.Relative);
        while (next is not null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            request.Headers.Authorization = new AuthenticationHeaderValue("SSWS", sandbox.Host.Tokens.OktaApiToken);
            using var response = await sandbox.Http.SendAsync(request);
            var page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
            Assert.InRange(page.Count, 0, limit);
            ids.AddRange(page.Select(u => u!["id"]!.GetValue<string>()));
            next = LinkHeader.Next(response) is { } link ? new Uri(link) : null;
        }

        Assert.Equal(Generated.AppUsers.Count, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Okta_rejects_an_app_users_limit_above_500()
    {
        await using var sandbox = await TestSandbox.StartAsync(Generated);
        using var response = await sandbox.OktaAsync(HttpMethod.Get, $"api/v1/apps/{sandbox.AppId}/users?limit=501");
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("E0000029", (await TestSandbox.JsonAsync(response))["errorCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Items_present_throughout_appear_exactly_once_even_when_the_list_changes_between_pages()
    {
        await using var sandbox = await TestSandbox.StartAsync(Generated);
        var original = Generated.RoleAssignments.Select(a => $"{a.RoleId}|{a.UserId}|{a.EntityId}").ToHashSet();
        var seen = new List<string>();
        var cursor = string.Empty;
        var pages = 0;
        var removed = new HashSet<string>();
        do
        {
            var page = await sandbox.SlackJsonAsync("admin.roles.listAssignments?limit=50&sort_dir=ASC" + (cursor.Length > 0 ? "&cursor=" + Uri.EscapeDataString(cursor) : string.Empty));
            seen.AddRange(page["role_assignments"]!.AsArray().Select(a => $"{a!["role_id"]}|{a["user_id"]}|{a["entity_id"]}"));
            cursor = page["response_metadata"]!["next_cursor"]!.GetValue<string>();
            if (++pages == 2)
            {
                // Between pages: a new assignment arrives and one not yet served goes away.
                var victim = Generated.RoleAssignments[^1];
                lock (sandbox.Host.State.Gate)
                {
                    sandbox.Host.State.AddAssignment("Rl01", Generated.SlackUsers[0].Id, "E0GENERATED");
                    sandbox.Host.State.RemoveAssignments(victim.RoleId, victim.UserId, victim.EntityId);
                }

                removed.Add($"{victim.RoleId}|{victim.UserId}|{victim.EntityId}");
            }
        }
        while (cursor.Length > 0);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Subset(seen.ToHashSet(), original.Except(removed).ToHashSet());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(200)]
    public async Task Oig_grants_follow_links_next_to_every_grant_exactly_once(int limit)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var ids = new List<string>();
        string? next = $"governance/api/v1/grants?limit={limit}&filter={TestSandbox.GrantFilter(sandbox.AppId)}";
        while (next is not null)
        {
            var page = await sandbox.OktaJsonAsync(next);
            ids.AddRange(page["data"]!.AsArray().Select(g => g!["id"]!.GetValue<string>()));
            Assert.NotNull(page["_links"]!["self"]);
            next = page["_links"]!["next"]?["href"]?.GetValue<string>();
        }

        Assert.Equal(["0gg1aliceworkspace01", "0gg1bobpolicy0000001", "0gg1staleheidi000001"], ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Limits_outside_the_documented_range_get_each_apis_own_error()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        Assert.Equal("invalid_limit", (await sandbox.SlackJsonAsync("admin.roles.listAssignments?limit=201"))["error"]!.GetValue<string>());
        Assert.Equal("invalid_limit", (await sandbox.SlackJsonAsync("admin.roles.listAssignments?limit=0"))["error"]!.GetValue<string>());
        using var response = await sandbox.OktaAsync(HttpMethod.Get, $"governance/api/v1/grants?limit=201&filter={TestSandbox.GrantFilter(sandbox.AppId)}");
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("E0000029", (await TestSandbox.JsonAsync(response))["errorCode"]!.GetValue<string>());
    }

    [Fact]
    public void Generated_orgs_are_large_and_reproducible()
    {
        var spec = new GeneratedOrgSpec(SlackUsers: 50_000, Assignments: 20_000, RandomSeed: 11);
        var first = SeedGenerator.Generate(spec);
        var second = SeedGenerator.Generate(spec);
        Assert.Equal(50_000, first.SlackUsers.Count);
        Assert.Equal(20_000, first.RoleAssignments.Count);
        Assert.Equal(first.RoleAssignments.Select(a => a.UserId + a.RoleId + a.EntityId), second.RoleAssignments.Select(a => a.UserId + a.RoleId + a.EntityId));
        Assert.All(first.OktaUsers, u => Assert.Matches("^00u[0-9A-Za-z]{17}$", u.Id));
        Assert.Matches("^0oa[0-9A-Za-z]{17}$", first.SlackAppId);
        Assert.Contains(first.RoleAssignments.GroupBy(a => (a.UserId, a.RoleId)), g => g.Count() > 1);
        Assert.Equal(16, first.RoleAssignments.Select(a => a.RoleId).Distinct().Count());
    }
}
