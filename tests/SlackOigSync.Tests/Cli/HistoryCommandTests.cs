using System.Text.Json.Nodes;
using SlackOigSync.Cli;
using SlackOigSync.Sandbox.Seed;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Cli;

/// <summary>'history': 120 columns, seconds, dry runs that say what they would have done, json and csv.</summary>
public sealed class HistoryCommandTests
{
    [Fact]
    public async Task History_fits_in_120_columns_when_many_holders_are_not_in_okta_and_a_run_failed()
    {
        var org = SeedGenerator.Generate(new GeneratedOrgSpec(SlackUsers: 400, Assignments: 300, RandomSeed: 5) { NotInOktaShare = 0.5 });
        await using var sandbox = await TestSandbox.StartAsync(org);
        using var cli = new SyncCli(sandbox);
        await cli.RunAsync("run");
        cli.Overrides["Okta:ApiToken"] = "00wrongtoken0000000000000000000000000000000";
        Assert.Equal(1, (await cli.RunAsync("run")).ExitCode);

        var (code, history, _) = await cli.RunAsync("history");

        Assert.Equal(0, code);
        var lines = history.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.True(l.TrimEnd('\r').Length <= 120, $"{l.Length} columns: {l}"));
        var rows = lines.Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, "^  [0-9a-f]{8}  ")).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("…", rows.Single(r => r.Contains("FAILED", StringComparison.Ordinal)));
        Assert.Matches(@"^  [0-9a-f]{8}  \d{4}-\d\d-\d\d \d\d:\d\d:\d\d  ", rows[0]);
        Assert.DoesNotMatch(@"\d\d:\d\d:\d\d\.\d", history);

        var json = JsonNode.Parse((await cli.RunAsync("history", "--format", "json")).Output)!.AsArray();
        var success = json.Single(r => r!["status"]!.GetValue<string>() == "SUCCESS")!;
        Assert.True(success["users_not_in_okta_count"]!.GetValue<int>() > 50, success.ToJsonString());
        Assert.Contains(success["users_not_in_okta_count"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture), rows.Single(r => r.Contains("SUCCESS", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_dry_run_row_shows_what_it_would_have_changed()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        await cli.RunAsync("run", "--dry-run");

        var json = JsonNode.Parse((await cli.RunAsync("history", "--format", "json")).Output)!.AsArray();
        var (_, table, _) = await cli.RunAsync("history");

        var row = json.Single()!;
        Assert.True(row["dry_run"]!.GetValue<bool>());
        Assert.Equal(0, row["assignments_added"]!.GetValue<long>());
        Assert.Equal(6, row["planned_added"]!.GetValue<long>());
        Assert.Equal(1, row["planned_removed"]!.GetValue<long>());
        var line = table.Split('\n').Single(l => l.Contains("SUCCESS", StringComparison.Ordinal));
        Assert.Matches(@"SUCCESS\s+yes\s+6\s+1\s+0\s", line);
    }

    [Fact]
    public async Task Json_and_csv_parse_back_to_the_same_runs_with_the_same_column_names()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        await cli.RunAsync("run");
        await cli.RunAsync("run");

        var json = JsonNode.Parse((await cli.RunAsync("history", "--format", "json")).Output)!.AsArray();
        var (code, csv, _) = await cli.RunAsync("history", "--format", "csv");

        Assert.Equal(0, code);
        var records = Rfc4180.Parse(csv);
        var header = records[0];
        Assert.Equal(json[0]!.AsObject().Select(p => p.Key), header);
        Assert.Contains("api_backoff_ms", header);
        Assert.Contains("api_wait_ms", header);
        Assert.Equal(3, records.Count);
        for (var i = 0; i < json.Count; i++)
        {
            var row = header.Zip(records[i + 1]).ToDictionary(p => p.First, p => p.Second);
            Assert.Equal(json[i]!["execution_id"]!.GetValue<string>(), row["execution_id"]);
            Assert.Equal(json[i]!["assignments_added"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture), row["assignments_added"]);
            Assert.Equal(json[i]!["start_time"]!.GetValue<string>(), row["start_time"]);
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", row["start_time"]);
        }

        Assert.Equal("6", header.Zip(records[2]).Single(p => p.First == "assignments_added").Second);
    }

    [Fact]
    public void Csv_fields_with_commas_quotes_and_line_breaks_are_quoted()
    {
        Assert.Equal("plain", CsvText.Field("plain"));
        Assert.Equal("\"a,b\"", CsvText.Field("a,b"));
        Assert.Equal("\"say \"\"hi\"\"\"", CsvText.Field("say \"hi\""));
        Assert.Equal("\"two\r\nlines\"", CsvText.Field("two\r\nlines"));
    }
}
