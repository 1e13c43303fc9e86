using System.Text.Json;
using SlackOigSync.Reports;
using SlackOigSync.Sandbox.State;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Reports;

/// <summary>'export': who holds which Slack system role according to the last successful run, as CSV and JSON.</summary>
public sealed class ExportTests
{
    private static readonly string[] Columns = ["slack_user_id", "email", "okta_user_id", "role_id", "role_name", "held_since", "granted_in_oig_at"];

    [Fact]
    public async Task Csv_and_json_parse_back_and_list_exactly_what_oig_holds()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);

        var (csvCode, csv, csvErrors) = await cli.RunAsync("export", "--format", "csv");
        var (jsonCode, json, _) = await cli.RunAsync("export", "--format", "json");

        Assert.Equal((0, string.Empty), (csvCode, csvErrors));
        Assert.Equal(0, jsonCode);
        var truth = sandbox.Read(SyncTruth.Held);
        Assert.NotEmpty(truth);
        var rows = CsvRows(csv);
        var objects = JsonRows(json);
        Assert.Equal(truth.Order(), rows.Select(r => (r["okta_user_id"]!, r["role_id"]!)).Order());
        Assert.Equal(rows, objects);

        var alice = rows.Single(r => r["okta_user_id"] == "00u1alice00000000001" && r["role_id"] == "Rl0L");
        Assert.Equal(("U0ALICE0001", "Analytics Admin"), (alice["slack_user_id"], alice["role_name"]));
        var carol = rows.Single(r => r["okta_user_id"] == "00u1carol00000000003");
        Assert.Equal(("U0CAROL0003", "carol@example.com", "Security Admin"), (carol["slack_user_id"], carol["email"], carol["role_name"]));
        Assert.Equal("Slack role Rl7Q (not in catalogue)", rows.Single(r => r["role_id"] == "Rl7Q")["role_name"]);
        Assert.All(rows, r => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", r["held_since"]!));

        // Every grant of the first sync was made by the sync, after the run started.
        Assert.All(rows, r => Assert.NotNull(r["granted_in_oig_at"]));
    }

    [Fact]
    public async Task A_grant_that_was_already_in_oig_is_held_since_the_first_run_but_not_granted_by_the_sync()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        sandbox.Change(s => s.AddAssignment("Rl0C", "U0HEIDI0009", "E0SANDBOX01")); // heidi's stale Rl0C grant in the seed is now backed by Slack
        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);

        var heidi = CsvRows((await cli.RunAsync("export", "--format", "csv")).Output).Single(r => r["okta_user_id"] == "00u1heidi00000000009");

        Assert.Equal(("Rl0C", "Audit Logs Admin", "U0HEIDI0009"), (heidi["role_id"], heidi["role_name"], heidi["slack_user_id"]));
        Assert.NotNull(heidi["held_since"]);
        Assert.Null(heidi["granted_in_oig_at"]);
    }

    [Fact]
    public async Task A_later_failed_run_does_not_change_the_export()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);
        var before = (await cli.RunAsync("export", "--format", "csv")).Output;

        // Slack changes, but the next run cannot read it: it ends FAILED.
        sandbox.Change(s => s.AddAssignment("Rl0L", "U0GRACE0008", "E0SANDBOX01"));
        cli.Overrides["Slack:Token"] = "xoxp-0000-0000-not-the-sandbox-token";
        Assert.Equal(1, (await cli.RunAsync("run")).ExitCode);

        var (code, after, _) = await cli.RunAsync("export", "--format", "csv");
        Assert.Equal(0, code);
        Assert.Equal(before, after);
        Assert.DoesNotContain(CsvRows(after), r => r["okta_user_id"] == "00u1grace00000000008" && r["role_id"] == "Rl0L");
    }

    [Fact]
    public async Task A_failed_run_that_saved_its_own_grant_state_is_never_passed_off_as_the_basis()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);

        // Every grant call fails: nothing applies, the run ends FAILED after re-reading OIG and saving what it holds.
        sandbox.Change(s => s.AddAssignment("Rl0L", "U0GRACE0008", "E0SANDBOX01"));
        sandbox.Host.Traffic.Configure(new SlackOigSync.Sandbox.Infrastructure.FaultSettings { Rules = [new() { Endpoint = "oig:POST /governance/api/v1/grants", ServerError = 1.0 }] });
        Assert.Equal(1, (await cli.RunAsync("run")).ExitCode);

        var (code, output, errors) = await cli.RunAsync("export", "--format", "json");
        Assert.Equal((2, string.Empty), (code, output));
        Assert.Contains("which ended FAILED, not by the last successful run", errors);
        Assert.Single(errors.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task No_successful_run_yet_is_one_sentence_and_exit_2()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        Assert.Equal(0, (await cli.RunAsync("run", "--dry-run")).ExitCode);
        cli.Overrides["Slack:Token"] = "xoxp-0000-0000-not-the-sandbox-token";
        Assert.Equal(1, (await cli.RunAsync("run")).ExitCode);

        var (code, output, errors) = await cli.RunAsync("export", "--format", "csv");

        Assert.Equal((2, string.Empty), (code, output));
        Assert.StartsWith("No sync has ended SUCCESS or PARTIAL in ", errors);
        Assert.Single(errors.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Output_goes_to_the_file_given_and_an_unwritable_path_is_exit_2()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);
        var file = Path.Combine(cli.Directory, "holders.json");

        var (code, output, _) = await cli.RunAsync("export", "--format", "json", "--output", file);
        var (badCode, badOutput, badErrors) = await cli.RunAsync("export", "--format", "csv", "--output", Path.Combine(cli.Directory, "missing", "holders.csv"));

        Assert.Equal(0, code);
        Assert.StartsWith($"Wrote 6 role holder(s) to {file}, according to run slack-sync-", output);
        Assert.Equal((await cli.RunAsync("export", "--format", "json")).Output, await File.ReadAllTextAsync(file));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        Assert.Equal((2, string.Empty), (badCode, badOutput));
        Assert.StartsWith($"Cannot write {Path.Combine(cli.Directory, "missing", "holders.csv")} (", badErrors);
        Assert.Single(badErrors.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Csv_quotes_commas_quotes_and_line_breaks_and_reads_back_unchanged()
    {
        var held = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        RoleHolder[] holders =
        [
            new("U1", "a,b@example.com", "00u1", "Rl01", "Admin \"Ops\"\r\nline two", held, null),
            new(null, null, "00u2", "Rl02", "=HYPERLINK(\"x\")", null, held),
        ];
        using var writer = new StringWriter();

        HolderExporter.Write(holders, ExportFormat.Csv, writer);

        var records = Rfc4180.Parse(writer.ToString());
        Assert.Equal(Columns, records[0]);
        Assert.Equal(["U1", "a,b@example.com", "00u1", "Rl01", "Admin \"Ops\"\r\nline two", "2026-01-02T03:04:05Z", ""], records[1]);
        Assert.Equal(["", "", "00u2", "Rl02", "=HYPERLINK(\"x\")", "", "2026-01-02T03:04:05Z"], records[2]);
    }

    private static List<Dictionary<string, string?>> CsvRows(string csv)
    {
        var records = Rfc4180.Parse(csv);
        Assert.Equal(Columns, records[0]);
        return [.. records.Skip(1).Select(r => Columns.Zip(r).ToDictionary(p => p.First, p => p.Second.Length == 0 ? null : p.Second))];
    }

    private static List<Dictionary<string, string?>> JsonRows(string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
        return [.. document.RootElement.EnumerateArray().Select(o =>
        {
            Assert.Equal(Columns, o.EnumerateObject().Select(p => p.Name));
            return o.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.GetString());
        })];
    }
}
