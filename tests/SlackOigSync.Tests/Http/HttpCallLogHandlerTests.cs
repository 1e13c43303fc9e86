using System.Text.RegularExpressions;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Http;

/// <summary>--verbose logs every HTTP attempt (method, path without query, status, milliseconds, attempt); without it, none.</summary>
public sealed partial class HttpCallLogHandlerTests
{
    [Fact]
    public async Task Verbose_adds_one_line_per_http_attempt_without_queries_or_tokens()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        sandbox.Host.Traffic.Configure(new FaultSettings { Seed = 2, Rules = [new FaultRule { Endpoint = "slack:*", ServerError = 0.5 }] });

        var quiet = await cli.RunAsync("run", "--dry-run");
        var verbose = await cli.RunAsync("run", "--dry-run", "--verbose");

        Assert.Equal(0, quiet.ExitCode);
        Assert.Equal(0, verbose.ExitCode);
        Assert.DoesNotContain("HTTP ", quiet.Errors);
        var calls = verbose.Errors.Split('\n').Where(l => l.Contains(" DBG ", StringComparison.Ordinal) && l.Contains("HTTP ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(calls);
        Assert.All(calls, l => Assert.Matches(CallLine(), l));
        Assert.Contains(calls, l => l.Contains("HTTP GET /slack/api/admin.roles.listAssignments answered 200", StringComparison.Ordinal));
        Assert.Contains(calls, l => l.Contains("answered 500", StringComparison.Ordinal) && l.Contains("(attempt 1)", StringComparison.Ordinal));
        Assert.Contains(calls, l => l.Contains("(attempt 2)", StringComparison.Ordinal));
        Assert.DoesNotContain(calls, l => l.Contains('?', StringComparison.Ordinal));
        Assert.DoesNotContain(sandbox.Host.Tokens.SlackUserToken, verbose.Errors);
        Assert.DoesNotContain(sandbox.Host.Tokens.OktaApiToken, verbose.Errors);
        Assert.True(calls.Count >= await sandbox.TotalRequestsAsync() / 2 - 1, "about one line per request of the verbose run");
    }

    [GeneratedRegex(@" DBG \[slack-sync-[^\]]+\] HTTP (GET|POST|PATCH|PUT|DELETE) /\S* (answered \d{3}|got no answer after) .*\d+ ms \(attempt \d+\)")]
    private static partial Regex CallLine();
}
