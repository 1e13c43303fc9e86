using Dapper;
using SlackOigSync.Storage;

namespace SlackOigSync.Tests.Storage;

public sealed class StorageTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"slack-oig-sync-storage-{Guid.NewGuid():N}.db");

    [Fact]
    public void Migrations_are_forward_only_idempotent_and_leave_a_wal_database_with_the_seed_columns()
    {
        var database = new SyncDatabase(_path);
        Assert.Equal(Migrations.All[^1].Version, database.Migrate());
        Assert.Equal(Migrations.All[^1].Version, database.Migrate());

        using var connection = database.Open();
        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode"));
        Assert.Equal(Migrations.All.Count, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM schema_version"));
        var columns = connection.Query<string>("SELECT name FROM pragma_table_info('sync_execution_log')").ToList();
        Assert.Subset(columns.ToHashSet(), new HashSet<string>
        {
            "execution_id", "start_time", "end_time", "duration_seconds", "status", "total_slack_users", "total_entitlements_synced",
            "assignments_added", "assignments_removed", "users_not_in_okta", "error_message",
        });
        var mapping = connection.Query<string>("SELECT name FROM pragma_table_info('system_role_mapping')").ToHashSet();
        Assert.Subset(mapping, new HashSet<string> { "slack_role_id", "slack_role_name", "okta_entitlement_id", "okta_entitlement_value_id", "created_at", "last_synced" });
    }

    [Fact]
    public void A_run_opens_as_running_and_closes_with_its_counts_and_audit_rows()
    {
        var database = new SyncDatabase(_path);
        database.Migrate();
        var log = new ExecutionLogRepository(database);
        log.Open("slack-sync-x", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), dryRun: false);
        Assert.Equal(RunStatus.Running, log.Find("slack-sync-x")!.Status);

        new AuditRepository(database).Append([new AuditEntry { ExecutionId = "slack-sync-x", Action = AuditAction.AddGrant, Outcome = AuditOutcome.Applied, RecordedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 1, TimeSpan.Zero), SlackRoleId = "Rl0L" }]);
        log.Close(new ExecutionRecord { ExecutionId = "slack-sync-x", StartTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), Status = RunStatus.Success, AssignmentsAdded = 1, UsersNotInOkta = "[\"a@b.c\"]" });

        var closed = log.Find("slack-sync-x")!;
        Assert.Equal((RunStatus.Success, 1L, "[\"a@b.c\"]"), (closed.Status, closed.AssignmentsAdded, closed.UsersNotInOkta));
        Assert.Equal("Rl0L", Assert.Single(new AuditRepository(database).ForExecution("slack-sync-x")).SlackRoleId);
    }

    public void Dispose()
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }
}
