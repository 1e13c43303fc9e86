using Dapper;
using Microsoft.Data.Sqlite;
using SlackOigSync.Storage;

namespace SlackOigSync.Tests.Storage;

/// <summary>
/// Timestamps are DateTimeOffset in code and one TEXT format in the file (<see cref="UtcTimestampHandler"/>): what is
/// written, that both formats older files hold are read, that migration 9 rewrites the lease's, and that text
/// comparisons and ordering still hold across old and new rows.
/// </summary>
public sealed class TimestampStorageTests : IDisposable
{
    private const string OneFormat = @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+00:00$";

    private static readonly DateTimeOffset Start = new DateTimeOffset(2026, 12, 6, 2, 47, 35, TimeSpan.Zero).AddTicks(1_234_567);

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"slack-oig-sync-time-{Guid.NewGuid():N}.db");

    [Fact]
    public void Every_repository_writes_one_fixed_width_utc_format_and_reads_back_the_same_instant_in_utc()
    {
        var database = Migrated();
        var log = new ExecutionLogRepository(database);
        var inParis = Start.ToOffset(TimeSpan.FromHours(1));
        log.Open("x1", inParis, dryRun: false);
        log.Close(new ExecutionRecord { ExecutionId = "x1", StartTime = Start, EndTime = Start.AddSeconds(2), Status = RunStatus.Success });
        new AuditRepository(database).Append([new AuditEntry { ExecutionId = "x1", Action = AuditAction.AddGrant, Outcome = AuditOutcome.Applied, RecordedAt = inParis }]);
        new IdentityLinkRepository(database).Save([new IdentityLink("U1", "00uA", LinkSource.Email, Start, Start.AddDays(1))]);
        new ManagedGrantStateRepository(database).Replace([new HeldGrant("00uA", "Rl0L", "ent1")], "x1", Start);
        new OigRevocationRepository(database).Record([("00uA", "Rl0L", "U1", null)], "x1", Start);
        new OigRevocationRepository(database).Close([("00uA", "Rl0L", OigRevocationResolution.ClearedByOperator)], "operator", Start.AddMinutes(1));
        new AlertRepository(database).Append(new AlertRecord { ExecutionId = "x1", AttemptedAt = Start, Transport = default, Reasons = [], Outcome = default });
        new RoleMappingRepository(database).Upsert([("Rl0L", "Workspace Admin", "entl", "ent1")], Start);
        new RunLease(database).TryAcquire("x1", Start, TimeSpan.FromMinutes(5));

        using (var connection = database.Open())
        {
            Assert.Equal("2026-12-06T02:47:35.1234567+00:00", connection.ExecuteScalar<string>("SELECT start_time FROM sync_execution_log"));
            Assert.Equal("2026-12-06T02:52:35.1234567+00:00", connection.ExecuteScalar<string>("SELECT expires_at FROM sync_lease"));
            foreach (var column in new[]
                     {
                         "start_time, end_time FROM sync_execution_log", "recorded_at FROM sync_change_audit", "first_linked, last_confirmed FROM identity_link",
                         "first_seen, last_seen FROM managed_grant_state", "detected_at, last_seen_at, closed_at FROM oig_revocation", "attempted_at FROM sync_alert",
                         "created_at, last_synced FROM system_role_mapping", "expires_at FROM sync_lease", "applied_at FROM schema_version",
                     })
            {
                var values = Raw(connection, $"SELECT {column}");
                Assert.NotEmpty(values);
                Assert.All(values, v => Assert.Matches(OneFormat, Assert.IsType<string>(v)));
            }
        }

        var run = log.Find("x1")!;
        Assert.Equal((Start, Start.AddSeconds(2)), (run.StartTime, run.EndTime));
        Assert.Equal(TimeSpan.Zero, run.StartTime.Offset);
        var audited = Assert.Single(new AuditRepository(database).ForExecution("x1")).RecordedAt;
        Assert.Equal((Start, TimeSpan.Zero), (audited, audited.Offset));
        Assert.Equal(new IdentityLink("U1", "00uA", LinkSource.Email, Start, Start.AddDays(1)), new IdentityLinkRepository(database).All()["U1"]);
        var held = Assert.Single(new ManagedGrantStateRepository(database).All());
        Assert.Equal((Start, Start), (held.FirstSeen, held.LastSeen));
        var revocation = Assert.Single(new OigRevocationRepository(database).All());
        Assert.Equal((Start, Start, Start.AddMinutes(1)), (revocation.DetectedAt, revocation.LastSeenAt, revocation.ClosedAt));
        Assert.Equal(Start, Assert.Single(new AlertRepository(database).ForExecution("x1")).AttemptedAt);
        Assert.Equal(Start.AddMinutes(5), new RunLease(database).Current()!.ExpiresAt);
    }

    [Fact]
    public void A_nullable_time_left_empty_is_stored_as_null_and_read_as_null()
    {
        var database = Migrated();
        var log = new ExecutionLogRepository(database);
        log.Open("x1", Start, dryRun: false);
        log.Close(new ExecutionRecord { ExecutionId = "x1", StartTime = Start, EndTime = null, Status = RunStatus.Failed });
        new OigRevocationRepository(database).Record([("00uA", "Rl0L", "U1", null)], "x1", Start);

        Assert.Null(log.Find("x1")!.EndTime);
        Assert.Null(Assert.Single(new OigRevocationRepository(database).Open()).ClosedAt);
        using var connection = database.Open();
        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sync_execution_log WHERE end_time IS NOT NULL"));
    }

    [Fact]
    public void Rows_of_older_builds_in_either_format_are_read_as_the_same_utc_instants()
    {
        var database = Migrated();
        using (var connection = database.Open())
        {
            connection.Execute(
                """
                INSERT INTO sync_execution_log (execution_id, start_time, end_time, status) VALUES
                    ('o-format', '2026-12-06T02:47:35.1234567+00:00', '2026-12-06T02:47:36.0000000+00:00', 'SUCCESS'),
                    ('z-format', '2026-12-06T02:47:35.123Z', NULL, 'RUNNING'),
                    ('offset', '2026-12-06T03:47:35.1234567+01:00', NULL, 'FAILED');
                INSERT INTO sync_lease (name, holder, expires_at) VALUES ('sync', 'x-old', '2026-12-06T02:52:35.123Z');
                """);
        }

        var log = new ExecutionLogRepository(database);
        Assert.Equal(Start, log.Find("o-format")!.StartTime);
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 2, 47, 36, TimeSpan.Zero), log.Find("o-format")!.EndTime);
        Assert.Equal((Start.AddTicks(-4567), TimeSpan.Zero), (log.Find("z-format")!.StartTime, log.Find("z-format")!.StartTime.Offset));
        Assert.Equal((Start, TimeSpan.Zero), (log.Find("offset")!.StartTime, log.Find("offset")!.StartTime.Offset));
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 2, 52, 35, 123, TimeSpan.Zero), new RunLease(database).Current()!.ExpiresAt);
    }

    [Fact]
    public void Migration_9_rewrites_a_lease_of_the_old_format_into_the_one_format_and_leaves_other_tables_alone()
    {
        var database = new SyncDatabase(_path);
        using (var connection = database.Open())
        {
            // A database as version 8 left it: a live lease in the lease's old format, a run in "O" format.
            connection.Execute("CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL);");
            foreach (var (version, sql) in Migrations.All.Where(m => m.Version <= 8))
            {
                connection.Execute(sql);
                connection.Execute("INSERT INTO schema_version VALUES (@version, '2026-01-01T00:00:00.0000000+00:00')", new { version });
            }

            connection.Execute(
                """
                INSERT INTO sync_lease (name, holder, expires_at, host, process_id) VALUES ('sync', 'x-old', '2026-12-06T02:52:35.123Z', 'h', 1);
                INSERT INTO sync_execution_log (execution_id, start_time, status) VALUES ('x-old', '2026-12-06T02:47:35.1234567+00:00', 'RUNNING');
                """);
        }

        Assert.Equal(Migrations.All[^1].Version, database.Migrate());

        using var check = database.Open();
        Assert.Equal("2026-12-06T02:52:35.1230000+00:00", check.ExecuteScalar<string>("SELECT expires_at FROM sync_lease"));
        Assert.Equal("2026-12-06T02:47:35.1234567+00:00", check.ExecuteScalar<string>("SELECT start_time FROM sync_execution_log"));
        Assert.Matches(OneFormat, check.ExecuteScalar<string>("SELECT applied_at FROM schema_version WHERE version = 9"));
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 2, 52, 35, 123, TimeSpan.Zero), new RunLease(database).Current()!.ExpiresAt);
    }

    [Fact]
    public void A_lease_of_the_old_format_expires_by_time_not_by_text()
    {
        var database = Migrated();
        using (var connection = database.Open())
        {
            // Same millisecond as now, written the old way: as text "….123Z" sorts after "….1234567+00:00"; as time it is earlier.
            connection.Execute("INSERT INTO sync_lease (name, holder, expires_at) VALUES ('sync', 'x-old', '2026-12-06T02:47:35.123Z')");
        }

        var lease = new RunLease(database);
        Assert.False(lease.TryAcquire("x-new", Start.AddTicks(-4567 - 1), TimeSpan.FromMinutes(5)).Acquired);
        var taken = lease.TryAcquire("x-new", Start, TimeSpan.FromMinutes(5));
        Assert.True(taken.Acquired);
        Assert.Equal(Start.AddMinutes(5), taken.Current.ExpiresAt);
        Assert.Equal("2026-12-06T02:52:35.123Z", taken.Current.Until);
        Assert.False(new RunLease(database).TryAcquire("x-other", Start.AddMinutes(5), TimeSpan.FromMinutes(5)).Acquired);
        Assert.True(new RunLease(database).TryAcquire("x-other", Start.AddMinutes(5).AddTicks(1), TimeSpan.FromMinutes(5)).Acquired);
    }

    [Fact]
    public void Runs_order_by_start_across_rows_written_before_and_after()
    {
        var database = Migrated();
        using (var connection = database.Open())
        {
            connection.Execute(
                """
                INSERT INTO sync_execution_log (execution_id, start_time, status) VALUES
                    ('old-1', '2026-12-05T02:00:00.0000000+00:00', 'SUCCESS'),
                    ('old-3', '2026-12-07T02:00:00.0000000+00:00', 'SUCCESS');
                """);
        }

        var log = new ExecutionLogRepository(database);
        log.Open("new-2", new DateTimeOffset(2026, 12, 6, 2, 0, 0, TimeSpan.Zero), dryRun: false);
        log.Open("new-4", new DateTimeOffset(2026, 12, 8, 2, 0, 0, TimeSpan.FromHours(5)), dryRun: false);

        Assert.Equal(["new-4", "old-3", "new-2", "old-1"], log.Recent(10).Select(r => r.ExecutionId));
        Assert.Equal(["new-4", "old-3"], log.Recent(2).Select(r => r.ExecutionId));
    }

    [Fact]
    public void A_stored_text_that_is_no_time_is_refused_with_its_text()
    {
        var error = Assert.Throws<FormatException>(() => UtcTimestampHandler.FromText("yesterday"));
        Assert.Contains("'yesterday'", error.Message);
        Assert.Equal("2026-12-06T02:47:35.1234567+00:00", UtcTimestampHandler.ToText(Start.ToOffset(TimeSpan.FromHours(-7))));
    }

    private SyncDatabase Migrated()
    {
        var database = new SyncDatabase(_path);
        database.Migrate();
        return database;
    }

    /// <summary>Every value the query returns, read with a plain SqliteCommand (no Dapper), so the test sees the TEXT as stored.</summary>
    private static List<object> Raw(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<object>();
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                values.Add(reader.GetValue(i));
            }
        }

        return values;
    }

    public void Dispose()
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }
}
