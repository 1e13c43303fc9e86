using System.Text.Json.Nodes;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Cli;

/// <summary>'show': role names, filters, CREATE_VALUE rows, a sentence for a run without changes, json and csv.</summary>
public sealed class ShowCommandTests
{
    [Fact]
    public async Task Show_prints_role_names_and_the_value_a_create_value_row_made()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        await cli.RunAsync("run");
        var id = await LastIdAsync(cli);

        var (code, shown, _) = await cli.RunAsync("show", id);
        var json = JsonNode.Parse((await cli.RunAsync("show", id, "--format", "json")).Output)!.AsArray();

        Assert.Equal(0, code);
        Assert.Contains("Rl0L Analytics Admin", shown);
        var created = json.Where(r => r!["action"]!.GetValue<string>() == "CREATE_VALUE").ToList();
        Assert.NotEmpty(created);
        Assert.All(created, r =>
        {
            Assert.False(string.IsNullOrEmpty(r!["okta_entitlement_value_id"]?.GetValue<string>()));
            Assert.False(string.IsNullOrEmpty(r!["role_name"]?.GetValue<string>()));
        });
        var createLines = shown.Split('\n').Where(l => l.Contains("CREATE_VALUE", StringComparison.Ordinal)).ToList();
        Assert.All(createLines, l => Assert.Contains(created[0]!["okta_entitlement_value_id"]!.GetValue<string>()[..3], l));
    }

    [Fact]
    public async Task Filters_by_action_outcome_and_user_in_any_of_its_three_names()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        await cli.RunAsync("run");
        var id = await LastIdAsync(cli);

        var adds = JsonNode.Parse((await cli.RunAsync("show", id, "--action", "add-grant", "--format", "json")).Output)!.AsArray();
        var revokes = JsonNode.Parse((await cli.RunAsync("show", id, "--action", "REVOKE_GRANT", "--outcome", "applied", "--format", "json")).Output)!.AsArray();
        var bySlack = JsonNode.Parse((await cli.RunAsync("show", id, "--user", "U0ALICE0001", "--format", "json")).Output)!.AsArray();
        var email = adds.Select(r => r!["email"]?.GetValue<string>()).First(e => e is not null)!;
        var byEmail = JsonNode.Parse((await cli.RunAsync("show", id, "--user", email.ToUpperInvariant(), "--format", "json")).Output)!.AsArray();
        var byOkta = JsonNode.Parse((await cli.RunAsync("show", id, "--user", "00u1alice00000000001", "--format", "json")).Output)!.AsArray();

        Assert.Equal(6, adds.Count);
        Assert.All(adds, r => Assert.Equal("ADD_GRANT", r!["action"]!.GetValue<string>()));
        Assert.Equal("00u1heidi00000000009", Assert.Single(revokes)!["okta_user_id"]!.GetValue<string>());
        Assert.Equal(2, bySlack.Count);
        Assert.Equal(["Rl0C", "Rl0L"], bySlack.Select(r => r!["slack_role_id"]!.GetValue<string>()).Order());
        Assert.Equal(adds.Count(r => r!["email"]?.GetValue<string>() == email), byEmail.Count);
        Assert.All(byEmail, r => Assert.Equal(email, r!["email"]!.GetValue<string>()));
        Assert.Equal(bySlack.ToJsonString(), byOkta.ToJsonString());

        var (noneCode, none, _) = await cli.RunAsync("show", id, "--user", "nobody@example.com");
        Assert.Equal(0, noneCode);
        Assert.Contains("No change of this run matches --user nobody@example.com.", none);

        var (badCode, _, badErrors) = await cli.RunAsync("show", id, "--action", "delete");
        Assert.Equal(2, badCode);
        Assert.Contains("--action 'delete' is not an action; use one of CREATE_VALUE, RENAME_VALUE, ADD_GRANT, REVOKE_GRANT, REMOVE_SLACK_ROLE.", badErrors);
    }

    [Fact]
    public async Task A_run_without_changes_prints_a_sentence_and_csv_keeps_its_header()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        await cli.RunAsync("run");
        await cli.RunAsync("run");
        var id = await LastIdAsync(cli);

        var (_, shown, _) = await cli.RunAsync("show", id);
        var (_, csv, _) = await cli.RunAsync("show", id, "--format", "csv");

        Assert.Contains("This run changed nothing in OIG: it already matched Slack.", shown);
        Assert.DoesNotContain("ACTION", shown);
        var records = Rfc4180.Parse(csv);
        Assert.Equal("execution_id", Assert.Single(records)[0]);
        Assert.Contains("role_name", records[0]);
    }

    [Fact]
    public async Task Csv_rows_match_the_json_rows()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        await cli.RunAsync("run");
        var id = await LastIdAsync(cli);

        var json = JsonNode.Parse((await cli.RunAsync("show", id, "--format", "json")).Output)!.AsArray();
        var csv = Rfc4180.Parse((await cli.RunAsync("show", id, "--format", "csv")).Output);

        Assert.Equal(json.Count + 1, csv.Count);
        Assert.Equal(json[0]!.AsObject().Select(p => p.Key), csv[0]);
        for (var i = 0; i < json.Count; i++)
        {
            Assert.Equal(csv[0].Select(c => json[i]![c]?.GetValue<string>() ?? string.Empty), csv[i + 1]);
        }
    }

    private static async Task<string> LastIdAsync(SyncCli cli) =>
        JsonNode.Parse((await cli.RunAsync("history", "--format", "json", "--limit", "1")).Output)!.AsArray()[0]!["short_id"]!.GetValue<string>();
}
