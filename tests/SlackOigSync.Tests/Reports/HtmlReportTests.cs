using System.Text.RegularExpressions;
using SlackOigSync.Reports;
using SlackOigSync.Storage;
using SlackOigSync.Sync;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Reports;

/// <summary>'report --html': one self-contained page, every outside value encoded.</summary>
public sealed partial class HtmlReportTests
{
    private const string Hostile = "<script>alert('x')</script>";

    [Fact]
    public void Names_and_emails_from_outside_are_html_encoded_everywhere()
    {
        var basis = new BasisRun("slack-sync-1", RunStatus.Success, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(3));
        var data = new ReportData(
            new HolderSnapshot(basis, [new RoleHolder("U1\"><b>", $"{Hostile}@example.com", "00u1", "Rl0L", $"Admin {Hostile}", DateTimeOffset.UnixEpoch, null)]),
            [$"{Hostile}@contractor.example"],
            [new Finding { ExecutionId = "slack-sync-1", Kind = FindingKind.KeptUnresolved, SlackUserId = "U2", Email = Hostile, OktaUserId = "00u2", SlackRoleId = "Rl02", Detail = $"kept: {Hostile}" }],
            [new Finding { ExecutionId = "slack-sync-1", Kind = FindingKind.IdentityConflict, SlackUserId = "U3", Email = "c@example.com", OktaUserId = "00u3,00u4", Detail = Hostile }],
            [new RunPoint($"slack-sync-{Hostile}", DateTimeOffset.UnixEpoch, RunStatus.Success, 1, 1, 0, 0, 3)],
            DateTimeOffset.UnixEpoch);

        var html = HtmlReportWriter.Render(data);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"><b>", html);
        Assert.Contains("Admin &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;@example.com", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;@contractor.example", html);
        Assert.Contains("kept: &lt;script&gt;", html);
        Assert.Contains("<title>slack-sync-&lt;script&gt;", html);
    }

    [Fact]
    public async Task The_page_is_self_contained_and_shows_each_role_its_holders_the_unresolved_and_the_runs()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);
        cli.Overrides["Slack:Token"] = "xoxp-0000-0000-not-the-sandbox-token";
        Assert.Equal(1, (await cli.RunAsync("run")).ExitCode);
        var file = Path.Combine(cli.Directory, "report.html");

        var (code, output, errors) = await cli.RunAsync("report", "--html", file);

        Assert.Equal((0, string.Empty), (code, errors));
        Assert.StartsWith($"Wrote the report to {file}: 6 role holder(s) according to run slack-sync-", output);
        Assert.EndsWith("and 2 run(s) charted.", output.TrimEnd());
        var html = await File.ReadAllTextAsync(file);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.Equal(3, Regex.Count(html, "<svg class=\"chart\""));
        Assert.Equal(["Analytics Admin", "Audit Logs Admin", "Role Admin", "Security Admin", "Slack role Rl7Q (not in catalogue)", "Workflow Admin"],
            RoleHeading().Matches(html).Select(m => m.Groups[1].Value));
        Assert.Contains("<li>dave@contractor.example</li>", html);
        Assert.Contains("<li>U0ERIN00005</li>", html);

        // The failed run is charted (a red mark where it read nothing) but is not the basis.
        Assert.Contains("class=\"novalue\"", html);
        Assert.Contains("it ended SUCCESS at", html);
    }

    [Fact]
    public async Task Report_without_a_successful_run_or_to_an_unwritable_path_is_exit_2()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        Assert.Equal(0, (await cli.RunAsync("run", "--dry-run")).ExitCode);
        var (noBasis, _, noBasisErrors) = await cli.RunAsync("report", "--html", Path.Combine(cli.Directory, "r.html"));
        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);
        var (unwritable, _, unwritableErrors) = await cli.RunAsync("report", "--html", cli.Directory);

        Assert.Equal(2, noBasis);
        Assert.StartsWith("No sync has ended SUCCESS or PARTIAL", noBasisErrors);
        Assert.False(File.Exists(Path.Combine(cli.Directory, "r.html")));
        Assert.Equal(2, unwritable);
        Assert.StartsWith($"Cannot write {cli.Directory} (", unwritableErrors);
    }

    [GeneratedRegex("<h3 class=\"role\" id=\"role-[^\"]+\">([^<]+?) <span")]
    private static partial Regex RoleHeading();

    [GeneratedRegex(@"(?:src|href)\s*=|url\(|@import|https?://", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
