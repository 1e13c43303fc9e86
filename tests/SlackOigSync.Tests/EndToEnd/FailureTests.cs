using Dapper;
using Microsoft.Data.Sqlite;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Storage;
using SlackOigSync.Tests.Support;
using SlackOigSync.Sandbox.State;

namespace SlackOigSync.Tests.EndToEnd;

/// <summary>Failure is boring: the guard, clear causes, the lease, interrupted runs, ambiguous writes, stopping between writes.</summary>
public sealed class FailureTests
{
    [Fact]
    public async Task The_guard_blocks_a_mass_revocation_applies_the_additions_and_says_how_to_proceed()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        await cli.RunAsync("run");
        sandbox.Change(s =>
        {
            // Four of the six managed grants go away in Slack, and one new one arrives.
            s.RemoveAssignments("Rl0L", "U0ALICE0001", null);
            s.RemoveAssignments("Rl0C", "U0ALICE0001", null);
            s.RemoveAssignments("Rl02", "U0BOB000002", null);
            s.RemoveAssignments("Rl0J", "U0CAROL0003", null);
            s.AddAssignment("Rl0L", "U0HEIDI0009", "E0SANDBOX01");
        });

        var revokes = sandbox.Host.Traffic.Requests["oig:POST /governance/api/v2/revoke-principal-access"];
        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(4, code);
        Assert.Contains("Mass-revocation guard", output);
        Assert.Contains("--allow-mass-revocation", output);
        Assert.Equal(revokes, sandbox.Host.Traffic.Requests["oig:POST /governance/api/v2/revoke-principal-access"]);
        var held = sandbox.Read(SyncTruth.Held);
        Assert.Contains(("00u1heidi00000000009", "Rl0L"), held);
        Assert.Contains(("00u1alice00000000001", "Rl0L"), held);

        using (var connection = new SqliteConnection($"Data Source={cli.DatabasePath}"))
        {
            var (status, error) = connection.QuerySingle<(string, string)>("SELECT status, error_message FROM sync_execution_log ORDER BY rowid DESC LIMIT 1");
            Assert.Equal("BLOCKED", status);
            Assert.Contains("4 of 6 managed role grant(s) (67%)", error);
        }

        Assert.Equal(0, (await cli.RunAsync("run", "--allow-mass-revocation")).ExitCode);
        Assert.Equal(0, sandbox.Read(SyncTruth.Difference));
    }

    [Fact]
    public async Task An_empty_slack_answer_never_revokes_what_oig_holds()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        await cli.RunAsync("run");
        lock (sandbox.Host.State.Gate)
        {
            foreach (var a in sandbox.Host.State.Assignments.All.ToList())
            {
                sandbox.Host.State.RemoveAssignments(a.RoleId, a.UserId, null);
            }
        }

        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(4, code);
        Assert.Contains("Slack returned no role assignments at all", output);
        Assert.Equal(6, sandbox.Read(SyncTruth.Held).Count);
    }

    [Theory]
    [InlineData("slack-token", "invalid_auth", "Slack:Token")]
    [InlineData("okta-token", "E0000011", "token is invalid or expired")]
    [InlineData("okta-read-only", "E0000006", "lacks a permission")]
    [InlineData("not-grid", "feature_not_enabled", "Enterprise Grid")]
    public async Task Week_one_failures_end_the_run_failed_with_their_cause_before_anything_is_written(string setup, string code, string hint)
    {
        var seed = setup == "not-grid" ? TestSandbox.DemoSeed() with { EnterpriseGrid = false } : TestSandbox.DemoSeed();
        await using var sandbox = await TestSandbox.StartAsync(seed);
        using var cli = new SyncCli(sandbox);
        switch (setup)
        {
            case "slack-token": cli.Overrides["Slack:Token"] = "xoxp-revoked-or-mistyped"; break;
            case "okta-token": cli.Overrides["Okta:ApiToken"] = "expired-okta-token"; break;
            case "okta-read-only": cli.Overrides["Okta:ApiToken"] = sandbox.Host.Tokens.OktaReadOnlyToken; break;
        }

        var before = await sandbox.StateAsync();
        var (exit, output, _) = await cli.RunAsync("run");

        Assert.Equal(1, exit);
        Assert.Contains(code, output);
        Assert.Contains(hint, output);
        Assert.Equal(before, await sandbox.StateAsync());
        using var connection = new SqliteConnection($"Data Source={cli.DatabasePath}");
        var (status, error) = connection.QuerySingle<(string, string)>("SELECT status, error_message FROM sync_execution_log");
        Assert.Equal("FAILED", status);
        Assert.Contains(code, error);
    }

    [Fact]
    public async Task A_second_run_never_applies_while_another_holds_the_lease_and_an_expired_lease_is_taken_over()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        var database = new SyncDatabase(cli.DatabasePath);
        database.Migrate();
        new RunLease(database).TryAcquire("slack-sync-other", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));

        var (code, output, _) = await cli.RunAsync("run");
        Assert.Equal(1, code);
        Assert.Contains("another run (slack-sync-other) holds this database's lease", output);
        Assert.Empty(sandbox.Host.Traffic.Requests);

        new RunLease(database).Release("slack-sync-other");
        new RunLease(database).TryAcquire("slack-sync-dead", DateTimeOffset.UtcNow - TimeSpan.FromHours(1), TimeSpan.FromMinutes(10));
        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);
    }

    [Fact]
    public async Task A_run_left_running_is_closed_as_failed_interrupted_by_the_next_run()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        var database = new SyncDatabase(cli.DatabasePath);
        database.Migrate();
        new ExecutionLogRepository(database).Open("slack-sync-crashed", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), dryRun: false);
        new AuditRepository(database).AppendPending([new AuditEntry { ExecutionId = "slack-sync-crashed", Action = AuditAction.AddGrant, Outcome = AuditOutcome.Pending, RecordedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 1, TimeSpan.Zero) }]);

        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);

        var crashed = new ExecutionLogRepository(database).Find("slack-sync-crashed")!;
        Assert.Equal(RunStatus.Failed, crashed.Status);
        Assert.StartsWith("interrupted", crashed.ErrorMessage);
        Assert.Equal(AuditOutcome.Unknown, Assert.Single(new AuditRepository(database).ForExecution("slack-sync-crashed")).Outcome);
    }

    [Fact]
    public async Task Writes_that_land_but_lose_their_answer_are_confirmed_by_re_reading_and_never_duplicated()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        sandbox.Host.Traffic.Configure(new FaultSettings
        {
            Seed = 3,
            Rules = [new FaultRule { Endpoint = "oig:POST*", DropAfterWrite = 0.6 }, new FaultRule { Endpoint = "oig:PATCH*", DropAfterWrite = 1.0 }],
        });

        var (code, _, _) = await cli.RunAsync("run");

        Assert.Equal(0, code);
        Assert.True(sandbox.Host.Traffic.InjectedFaults.GetValueOrDefault("drop-after-write") >= 2);
        sandbox.AssertOigMatchesSlack();
        Assert.Equal(9, sandbox.Read(s => s.Entitlements.Find("esp1slacksysrole0001")!.Values.Count));
    }

    [Fact]
    public async Task Rate_limits_and_server_errors_on_reads_are_ridden_out_and_counted()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        FaultRule ReadFaults(string endpoints) => new() { Endpoint = endpoints, RateLimited = 0.15, ServerError = 0.15, Drop = 0.1 };
        sandbox.Host.Traffic.Configure(new FaultSettings
        {
            Seed = 9,
            Rules = [ReadFaults("slack:*"), ReadFaults("okta:*"), ReadFaults("oig:GET*"), new FaultRule { Endpoint = "oig:POST*", RateLimited = 0.3 }],
        });

        var (code, _, _) = await cli.RunAsync("run");

        Assert.Equal(0, code);
        using var connection = new SqliteConnection($"Data Source={cli.DatabasePath}");
        Assert.True(connection.ExecuteScalar<long>("SELECT api_retries FROM sync_execution_log") > 0);
        sandbox.AssertOigMatchesSlack();
    }

    [Fact]
    public async Task A_stop_request_during_writes_finishes_the_write_in_flight_records_it_and_starts_no_other()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Sync:WriteConcurrency"] = "1";
        sandbox.Host.Traffic.Configure(new FaultSettings { Rules = [new FaultRule { Endpoint = "oig:POST /governance/api/v1/grants", Slow = 1.0, SlowMilliseconds = 300 }] });
        using var stop = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            await sandbox.WhenRequestedAsync("oig:POST /governance/api/v1/grants", 2);
            await stop.CancelAsync();
        });

        var (code, output, _) = await cli.RunAsync(stop.Token, "run");
        await watcher;

        Assert.Equal(3, code);
        Assert.Contains("stopped by a shutdown request between writes", output);
        using (var connection = new SqliteConnection($"Data Source={cli.DatabasePath}"))
        {
            Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sync_change_audit WHERE outcome = 'PENDING'"));
            Assert.Equal(2, connection.ExecuteScalar<long>("SELECT COUNT(DISTINCT okta_user_id) FROM sync_change_audit WHERE action = 'ADD_GRANT' AND outcome = 'APPLIED'"));
        }

        Assert.Equal(2, sandbox.Host.Traffic.Requests["oig:POST /governance/api/v1/grants"]);
        sandbox.Host.Traffic.Configure(new FaultSettings());
        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);
        Assert.Equal(0, sandbox.Read(SyncTruth.Difference));
    }

    [Fact]
    public async Task Okta_calls_slow_down_before_the_limit_instead_of_running_into_429s()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Sync:LookupConcurrency"] = "1";
        cli.Overrides["Sync:BulkLookup"] = "Never";
        sandbox.Host.Traffic.Configure(new RateLimitSettings { WindowSeconds = 2, Limits = new() { ["okta:GET /api/v1/users"] = 2 } });

        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);

        Assert.Equal(3, sandbox.Host.Traffic.Requests["okta:GET /api/v1/users"]);
        Assert.Empty(sandbox.Host.Traffic.BudgetRejections);
        using var connection = new SqliteConnection($"Data Source={cli.DatabasePath}");
        Assert.True(connection.ExecuteScalar<long>("SELECT api_wait_ms FROM sync_execution_log") > 0);
    }
}
