using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Okta;

/// <summary>Okta's error summary and our hint read as two sentences.</summary>
public sealed class OktaErrorReaderTests
{
    [Fact]
    public async Task A_refused_token_reads_as_okta_sentence_then_our_hint()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Okta:ApiToken"] = "00mistyped000000000000000000000000000000000";

        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(1, code);
        Assert.Contains("(HTTP 401, E0000011): Invalid token provided. The Okta token is invalid or expired", output);
    }
}
