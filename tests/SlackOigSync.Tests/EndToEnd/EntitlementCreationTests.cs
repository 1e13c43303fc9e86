using Dapper;
using Microsoft.Data.Sqlite;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sandbox.State;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.EndToEnd;

/// <summary>
/// The entitlement is created by the applier like any other write: its values are printed and audited (CREATE_VALUE,
/// PENDING first), an ambiguous failure never makes a second entitlement, and a failed creation writes nothing else.
/// </summary>
public sealed class EntitlementCreationTests
{
    [Fact]
    public async Task A_first_sync_creates_the_entitlement_prints_and_audits_its_values_and_then_grants()
    {
        await using var sandbox = await WithoutEntitlementAsync();
        using var cli = new SyncCli(sandbox);

        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(0, code);
        var roles = sandbox.Read(s => s.Assignments.All.Select(a => a.RoleId).Distinct().Count());
        Assert.Contains("The entitlement was created with the values below.", output);
        Assert.Contains($"Entitlement values to create ({roles})", output);
        var created = Rows(cli, "CREATE_VALUE");
        Assert.Equal(roles, created.Count);
        Assert.All(created, r => Assert.Equal("APPLIED", r));
        Assert.Single(sandbox.Read(s => s.Entitlements.All.Where(e => e.ExternalValue == SyncTruth.ManagedExternalValue).ToList()));
        sandbox.AssertOigMatchesSlack();
    }

    [Fact]
    public async Task A_creation_whose_answer_is_lost_is_looked_for_before_sending_again_so_there_is_one_entitlement()
    {
        await using var sandbox = await WithoutEntitlementAsync();
        sandbox.Host.Traffic.Configure(new FaultSettings { Rules = [new FaultRule { Endpoint = "oig:POST /governance/api/v1/entitlements", DropAfterWrite = 1.0 }] });
        using var cli = new SyncCli(sandbox);

        var (code, _, _) = await cli.RunAsync("run");

        Assert.Equal(0, code);
        Assert.Equal(1, sandbox.Host.Traffic.Requests.GetValueOrDefault("oig:POST /governance/api/v1/entitlements"));
        Assert.Single(sandbox.Read(s => s.Entitlements.All.Where(e => e.ExternalValue == SyncTruth.ManagedExternalValue).ToList()));
        sandbox.AssertOigMatchesSlack();
    }

    [Fact]
    public async Task A_refused_creation_ends_the_run_failed_with_its_rows_failed_and_no_grant_sent()
    {
        await using var sandbox = await WithoutEntitlementAsync();
        sandbox.Host.Traffic.Configure(new FaultSettings { Rules = [new FaultRule { Endpoint = "oig:POST /governance/api/v1/entitlements", Unavailable = 1.0 }] });
        using var cli = new SyncCli(sandbox);

        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(1, code);
        Assert.Contains("Result: FAILED", output);
        Assert.All(Rows(cli, "CREATE_VALUE"), r => Assert.Equal("FAILED", r));
        Assert.NotEmpty(Rows(cli, "CREATE_VALUE"));
        Assert.Empty(Rows(cli, "ADD_GRANT"));
        Assert.Equal(0, sandbox.Host.Traffic.Requests.GetValueOrDefault("oig:POST /governance/api/v1/grants"));
    }

    private static async Task<TestSandbox> WithoutEntitlementAsync()
    {
        var sandbox = await TestSandbox.StartAsync();
        sandbox.Change(s =>
        {
            var managed = s.Entitlements.All.Single(e => e.ExternalValue == SyncTruth.ManagedExternalValue);
            foreach (var grant in s.Grants.All.Where(g => g.Entitlements.ContainsKey(managed.Id)).ToList())
            {
                s.Grants.Remove(grant.Id);
            }

            s.Entitlements.Remove(managed.Id);
        });
        return sandbox;
    }

    private static List<string> Rows(SyncCli cli, string action)
    {
        using var connection = new SqliteConnection($"Data Source={cli.DatabasePath};Pooling=False");
        return connection.Query<string>("SELECT outcome FROM sync_change_audit WHERE action = @action", new { action }).ToList();
    }
}
