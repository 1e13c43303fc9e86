using Dapper;
using Microsoft.Data.Sqlite;
using SlackOigSync.Sandbox.Seed;
using SlackOigSync.Storage;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Storage;

/// <summary>
/// No OIG write without its durable audit row: when the trail cannot be written mid-run, no further call starts,
/// the run closes FAILED with the counts of what was applied, and the next run settles what the trail missed.
/// </summary>
public sealed class MidRunFaultTests
{
    private const string GrantCalls = "oig:POST /governance/api/v1/grants";
    private const string RevokeCalls = "oig:POST /governance/api/v2/revoke-principal-access";

    [Fact]
    public async Task A_disk_that_fills_up_mid_run_stops_the_writes_and_closes_the_run_failed_with_what_was_applied()
    {
        await using var sandbox = await TestSandbox.StartAsync(SeedGenerator.Generate(new GeneratedOrgSpec(SlackUsers: 600, Assignments: 365, RandomSeed: 11)));
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Sync:WriteConcurrency"] = "1";
        var grantsBefore = sandbox.Read(s => s.Grants.All.Select(g => g.Id).ToHashSet());

        // After a few grants the file may not grow by a single page: SQLite's own SQLITE_FULL, on the worker's connections.
        using var full = StorageFaults.OnEveryConnection(cli.DatabasePath, c =>
        {
            if (sandbox.Host.Traffic.Requests.GetValueOrDefault(GrantCalls) >= 5)
            {
                c.Execute("PRAGMA max_page_count = 1"); // clamps to the file's current size
            }
        });

        var (code, output, errors) = await cli.RunAsync("run");

        Assert.Equal(1, code);
        Assert.Contains("The audit trail could not be written, so no further change was sent to OIG after", output);
        Assert.Contains($"The disk holding the database {cli.DatabasePath} is full", output);
        StorageFaults.AssertNoStackTrace(output, errors);

        var grantsMade = sandbox.Read(s => s.Grants.All.Where(g => !grantsBefore.Contains(g.Id)).ToList());
        var calls = sandbox.Host.Traffic.Requests[GrantCalls];
        Assert.True(grantsMade.Count >= 5, $"only {grantsMade.Count} grants were made before the disk filled");
        Assert.Equal(calls, grantsMade.Count); // every call made landed, and none started after the failure

        using var connection = StorageFaults.Connect(cli.DatabasePath);
        var run = connection.QuerySingle<(string Id, string Status, long Added, long ExitCode, string Error)>(
            "SELECT execution_id, status, assignments_added, exit_code, error_message FROM sync_execution_log");
        Assert.Equal(("FAILED", 1L), (run.Status, run.ExitCode));
        Assert.Contains("is full", run.Error);
        var applied = connection.Query<string>(
            "SELECT okta_user_id FROM sync_change_audit WHERE execution_id = @Id AND action = 'ADD_GRANT' AND outcome = 'APPLIED'", new { run.Id }).ToList();
        Assert.Equal(grantsMade.Sum(g => g.Entitlements.Values.Sum(v => v.Count)), applied.Count); // every landed change has its APPLIED row
        Assert.Equal(applied.Count, run.Added);
        Assert.Equal(grantsMade.Select(g => g.PrincipalUserId).ToHashSet(), applied.ToHashSet());
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sync_change_audit WHERE outcome = 'PENDING'"));

        full.Dispose();
        var next = await cli.RunAsync("run");
        Assert.Equal(0, next.ExitCode);
        sandbox.AssertOigMatchesSlack();
    }

    [Fact]
    public async Task A_revocation_that_lands_while_the_database_is_locked_is_counted_then_reconciled_by_the_next_run()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Sync:WriteConcurrency"] = "1";
        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);
        sandbox.Change(s => s.RemoveAssignments("Rl0C", "U0ALICE0001", null)); // alice stops being Audit Logs Admin

        // The first connection the worker opens after its revocation reached OIG finds the file locked by another
        // process (past a short busy timeout); the lock is gone by the connection after.
        var revocationsBefore = sandbox.Host.Traffic.Requests.GetValueOrDefault(RevokeCalls);
        SqliteConnection? locker = null;
        var locked = false;
        using var hook = StorageFaults.OnEveryConnection(cli.DatabasePath, c =>
        {
            if (locker is not null)
            {
                locker.Dispose();
                locker = null;
            }
            else if (!locked && sandbox.Host.Traffic.Requests.GetValueOrDefault(RevokeCalls) > revocationsBefore)
            {
                locked = true;
                locker = StorageFaults.Connect(cli.DatabasePath);
                locker.Execute("BEGIN IMMEDIATE");
                c.Execute("PRAGMA busy_timeout = 0");
                c.DefaultTimeout = 1; // Microsoft.Data.Sqlite retries a busy statement for up to its command timeout (30 s by default)
            }
        });

        var (code, output, errors) = await cli.RunAsync("run");

        Assert.True(code == 1, output + errors);
        Assert.Contains("The audit trail could not be written, so no further change was sent to OIG after 1 applied (0 added, 1 removed;", output);
        Assert.Contains($"The database {cli.DatabasePath} is locked by another process", output);
        StorageFaults.AssertNoStackTrace(output, errors);
        Assert.Equal(revocationsBefore + 1, sandbox.Host.Traffic.Requests[RevokeCalls]);
        Assert.Contains(("00u1alice00000000001", "ent1auditlogsadmin01"), sandbox.Read(s => s.RevocationLog.ToList())); // it landed

        using var connection = StorageFaults.Connect(cli.DatabasePath);
        var failed = connection.QuerySingle<(string Id, string Status, long Removed)>(
            "SELECT execution_id, status, assignments_removed FROM sync_execution_log ORDER BY rowid DESC LIMIT 1");
        Assert.Equal(("FAILED", 1L), (failed.Status, failed.Removed));
        Assert.Equal("PENDING", connection.ExecuteScalar<string>(
            "SELECT outcome FROM sync_change_audit WHERE execution_id = @Id AND action = 'REVOKE_GRANT'", new { failed.Id }));

        hook.Dispose();
        var next = await cli.RunAsync("run");

        Assert.Equal(0, next.ExitCode);
        Assert.Contains("Reconciled 1 earlier change whose outcome was never recorded: 1 had landed in OIG, 0 had not", next.Output);
        var nextId = connection.ExecuteScalar<string>("SELECT execution_id FROM sync_execution_log ORDER BY rowid DESC LIMIT 1");
        var row = connection.QuerySingle<(string Outcome, string ReconciledBy, string Error)>(
            "SELECT outcome, reconciled_by, error FROM sync_change_audit WHERE execution_id = @Id AND action = 'REVOKE_GRANT'", new { failed.Id });
        Assert.Equal(("APPLIED", nextId), (row.Outcome, row.ReconciledBy));
        Assert.StartsWith($"reconciled by {nextId}: OIG's grants it read show this change landed", row.Error);

        // The README's query of every revocation in the last 30 days now finds it.
        Assert.Contains(("00u1alice00000000001", "Rl0C"), connection.Query<(string, string)>(
            "SELECT okta_user_id, slack_role_id FROM sync_change_audit WHERE action = 'REVOKE_GRANT' AND outcome = 'APPLIED' AND recorded_at >= date('now', '-30 day')"));
        Assert.Equal(1L, connection.ExecuteScalar<long>("SELECT assignments_removed FROM sync_execution_log WHERE execution_id = @Id", new { failed.Id }));
        sandbox.AssertOigMatchesSlack();
    }

    [Fact]
    public async Task A_killed_run_is_closed_interrupted_with_the_changes_its_audit_rows_show_applied()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        var database = new SyncDatabase(cli.DatabasePath);
        database.Migrate();
        new ExecutionLogRepository(database).Open("slack-sync-killed", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), dryRun: false);
        AuditEntry Row(AuditAction action, AuditOutcome outcome, int n) => new()
        {
            ExecutionId = "slack-sync-killed", Action = action, Outcome = outcome, RecordedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 1, TimeSpan.Zero),
            OktaUserId = $"00ugone{n:D13}", OktaEntitlementValueId = $"entgone{n:D13}", SlackRoleId = "Rl0L",
        };
        var audit = new AuditRepository(database);
        audit.Append([.. Enumerable.Range(0, 3).Select(n => Row(AuditAction.AddGrant, AuditOutcome.Applied, n)), Row(AuditAction.RevokeGrant, AuditOutcome.Applied, 3), Row(AuditAction.AddGrant, AuditOutcome.Failed, 4)]);
        audit.AppendPending([Row(AuditAction.AddGrant, AuditOutcome.Pending, 5)]);

        var (code, output, errors) = await cli.RunAsync("run");

        Assert.Equal(0, code);
        StorageFaults.AssertNoStackTrace(output, errors);
        var killed = new ExecutionLogRepository(database).Find("slack-sync-killed")!;
        Assert.Equal((RunStatus.Failed, 3L, 1L, 1L), (killed.Status, killed.AssignmentsAdded, killed.AssignmentsRemoved, killed.ChangesFailed));
        Assert.StartsWith("interrupted", killed.ErrorMessage);

        // Its change in flight (UNKNOWN once closed) is settled against OIG: that user holds no such value, so it did not land.
        var settled = audit.ForExecution("slack-sync-killed")[^1];
        Assert.Equal(AuditOutcome.Failed, settled.Outcome);
        Assert.Contains("did not land", settled.Error);
        Assert.Contains("Reconciled 1 earlier change whose outcome was never recorded: 0 had landed in OIG, 1 had not", output);
    }

    [Fact]
    public async Task A_dry_run_leaves_earlier_unsettled_rows_alone_for_the_next_real_run()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        var database = new SyncDatabase(cli.DatabasePath);
        database.Migrate();
        var log = new ExecutionLogRepository(database);
        log.Open("slack-sync-earlier", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), dryRun: false);
        log.Close(new ExecutionRecord { ExecutionId = "slack-sync-earlier", StartTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), Status = RunStatus.Failed });
        new AuditRepository(database).AppendPending([new AuditEntry
        {
            ExecutionId = "slack-sync-earlier", Action = AuditAction.AddGrant, Outcome = AuditOutcome.Pending, RecordedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 1, TimeSpan.Zero), OktaUserId = "00unobody0000000001", OktaEntitlementValueId = "entnothing000000001",
        }]);

        Assert.Equal(0, (await cli.RunAsync("--dry-run")).ExitCode);
        Assert.Equal(AuditOutcome.Pending, Assert.Single(new AuditRepository(database).ForExecution("slack-sync-earlier")).Outcome);

        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);
        Assert.Equal(AuditOutcome.Failed, Assert.Single(new AuditRepository(database).ForExecution("slack-sync-earlier")).Outcome);
    }
}
