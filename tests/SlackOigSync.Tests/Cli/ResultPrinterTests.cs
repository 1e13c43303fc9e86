using System.Text.RegularExpressions;
using SlackOigSync.Sandbox.Seed;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Cli;

/// <summary>After a run, each table shows at most Output:MaxRows rows, then how many more and where to read them.</summary>
public sealed partial class ResultPrinterTests
{
    [Theory]
    [InlineData(null, 20)]
    [InlineData("5", 5)]
    public async Task A_big_first_sync_prints_bounded_tables_that_point_at_show(string? maxRows, int expected)
    {
        await using var sandbox = await TestSandbox.StartAsync(SeedGenerator.Generate(new GeneratedOrgSpec(SlackUsers: 300, Assignments: 200, RandomSeed: 3)));
        using var cli = new SyncCli(sandbox);
        if (maxRows is not null)
        {
            cli.Overrides["Output:MaxRows"] = maxRows;
        }

        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(0, code);
        var executionId = output.Split('\n').Single(l => l.StartsWith("Execution ", StringComparison.Ordinal)).Split(' ')[1].Trim();
        var lines = output.Split('\n');
        var heading = Array.FindIndex(lines, l => l.StartsWith("Grants to add (", StringComparison.Ordinal));
        var calls = int.Parse(GrantCalls().Match(lines[heading]).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(calls > expected);
        var rows = lines.Skip(heading + 3).TakeWhile(l => l.StartsWith("  00u", StringComparison.Ordinal)).Count();
        Assert.Equal(expected, rows);
        Assert.Equal($"  … and {calls - expected} more: `show {executionId}`", lines[heading + 3 + rows].TrimEnd('\r'));
        Assert.True(lines.Length < 200, $"{lines.Length} lines");
    }

    [Fact]
    public async Task A_max_rows_that_is_not_a_number_is_refused_before_any_call()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Output:MaxRows"] = "lots";

        var (code, _, errors) = await cli.RunAsync("run");

        Assert.Equal(2, code);
        Assert.Contains("Output:MaxRows 'lots' is not a number of rows from 1 to 100000 (default 20).", errors);
        Assert.Equal(0, await sandbox.TotalRequestsAsync());
    }

    [GeneratedRegex(@"user x role, (\d+) grant call")]
    private static partial Regex GrantCalls();
}
