using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Configuration;

/// <summary>A token pasted with its header scheme ("SSWS 00…", "Bearer …") works, with a notice that names no secret.</summary>
public sealed class TokenSchemeTests
{
    [Fact]
    public async Task An_okta_api_token_pasted_with_ssws_is_used_without_it()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Okta:ApiToken"] = "SSWS " + sandbox.Host.Tokens.OktaApiToken;

        var (code, output, errors) = await cli.RunAsync("run");

        Assert.Equal(0, code);
        Assert.Contains("Result: SUCCESS", output);
        Assert.Contains("Notice: Okta:ApiToken started with 'SSWS ', the header scheme, which is added when the token is sent; it was removed.", errors);
        Assert.DoesNotContain(sandbox.Host.Tokens.OktaApiToken, errors + output);
        sandbox.AssertOigMatchesSlack();
    }
}
