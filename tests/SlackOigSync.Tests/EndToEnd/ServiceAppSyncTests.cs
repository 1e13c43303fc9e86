using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using SlackOigSync.Tests.Sandbox;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.EndToEnd;

/// <summary>
/// A whole sync as an Okta API Services app (Okta:AuthMode=PrivateKey) against the sandbox's org authorization
/// server: RSA and EC keys, with and without DPoP, a token that expires mid-run, and each first-week mistake ending
/// FAILED before any write with the fix in the message. No key, assertion, token or proof appears anywhere.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ServiceAppSyncTests
{
    private const string ClientId = "0oaserviceapp0000001";
    private static readonly string[] SyncScopes = ["okta.users.read", "okta.apps.read", "okta.governance.entitlements.read", "okta.governance.entitlements.manage"];

    [Theory]
    [InlineData("rsa", false)]
    [InlineData("ec", false)]
    [InlineData("rsa", true)]
    [InlineData("ec", true)]
    public async Task A_service_app_syncs_the_demo_org_and_leaves_no_secret_behind(string keyType, bool requireDpop)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var key = keyType == "rsa" ? ServiceAppKey.Rsa() : ServiceAppKey.Ec();
        await RegisterAsync(sandbox, key, SyncScopes, requireDpop);
        using var cli = ServiceAppCli(sandbox, key);

        var (code, output, errors) = await cli.RunAsync("run");

        Assert.True(code == 0, output + errors);
        sandbox.AssertOigMatchesSlack();
        Assert.True(sandbox.Host.Traffic.Requests["okta:POST /oauth2/v1/token"] >= 1);
        AssertNoSecret(cli, key, output + errors);
    }

    [Fact]
    public async Task A_token_that_expires_mid_run_is_replaced_once_and_the_run_succeeds()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var key = ServiceAppKey.Ec();
        await RegisterAsync(sandbox, key, SyncScopes, requireDpop: true);
        using var cli = ServiceAppCli(sandbox, key);
        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);

        // The second run's token is expired by Okta as soon as the run has used it for its first OIG read.
        sandbox.Change(s => s.RemoveAssignments("Rl7Q", "U0IVAN00010", null));
        var grantReads = sandbox.Host.Traffic.Requests["oig:GET /governance/api/v1/grants"];
        long tokensAtExpiry = 0;
        var expired = 0;
        var expirer = Task.Run(async () =>
        {
            await sandbox.WhenRequestedAsync("oig:GET /governance/api/v1/grants", (int)grantReads + 1);
            tokensAtExpiry = sandbox.Host.Traffic.Requests["okta:POST /oauth2/v1/token"];
            using var response = await sandbox.Http.PostAsync("_sandbox/okta/oauth-tokens/expire", null);
            expired = (await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["expired"]!.GetValue<int>();
        });
        var (code, output, errors) = await cli.RunAsync("run");
        await expirer;

        Assert.True(code == 0, output + errors);
        Assert.True(expired >= 1, "no token was expired mid-run");
        Assert.True(sandbox.Host.Traffic.Requests["okta:POST /oauth2/v1/token"] > tokensAtExpiry, "no new token after the old one expired");

        sandbox.AssertOigMatchesSlack();
    }

    [Theory]
    [InlineData("unregistered-key", "Okta refused the service app's credentials: check that Okta:ClientId")]
    [InlineData("missing-scope", "The following scopes are not allowed: okta.governance.entitlements.manage")]
    [InlineData("no-admin-role", "so it lacks an admin role: on the app's 'Admin roles' tab assign Application Administrator")]
    public async Task Each_first_week_mistake_ends_the_run_before_any_write_with_the_fix(string mistake, string expected)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var key = ServiceAppKey.Rsa("rsa-registered");
        using var other = ServiceAppKey.Rsa("rsa-other");
        await RegisterAsync(sandbox, mistake == "unregistered-key" ? other : key,
            mistake == "missing-scope" ? SyncScopes[..3] : SyncScopes, requireDpop: false, adminRole: mistake != "no-admin-role");
        using var cli = ServiceAppCli(sandbox, key);
        var before = await sandbox.StateAsync();

        var (code, output, errors) = await cli.RunAsync("run");

        Assert.True(code == 1, output + errors);
        Assert.True((output + errors).Contains(expected, StringComparison.Ordinal), output + errors);
        Assert.Equal(before, await sandbox.StateAsync());
        AssertNoSecret(cli, key, output + errors);
    }

    private static SyncCli ServiceAppCli(TestSandbox sandbox, ServiceAppKey key)
    {
        var cli = new SyncCli(sandbox);
        var keyPath = Path.Combine(cli.Directory, "okta-key.pem");
        File.WriteAllText(keyPath, key.PrivatePem);
        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        cli.Overrides["Okta:ApiToken"] = null;
        cli.Overrides["Okta:AuthMode"] = "PrivateKey";
        cli.Overrides["Okta:ClientId"] = ClientId;
        cli.Overrides["Okta:PrivateKeyPath"] = keyPath;
        cli.Overrides["Okta:KeyId"] = key.KeyId;
        return cli;
    }

    private static async Task RegisterAsync(TestSandbox sandbox, ServiceAppKey key, string[] scopes, bool requireDpop, bool adminRole = true)
    {
        using var response = await sandbox.Http.PutAsJsonAsync(
            $"_sandbox/okta/oauth-clients/{ClientId}", new { jwks = new { keys = new[] { key.PublicJwk } }, scopes, requireDpop, adminRole });
        Assert.Equal(204, (int)response.StatusCode);
    }

    /// <summary>No private key material, assertion, access token or DPoP proof (all JWTs or sandbox tokens) in the output or the database.</summary>
    private static void AssertNoSecret(SyncCli cli, ServiceAppKey key, string text)
    {
        SqliteConnection.ClearAllPools();
        var database = System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(cli.DatabasePath));
        foreach (var haystack in new[] { text, database })
        {
            Assert.DoesNotContain("eyJ", haystack);
            Assert.DoesNotContain("sbx-at.", haystack);
            Assert.DoesNotContain(key.PrivatePem.Split('\n')[1], haystack);
        }
    }
}
