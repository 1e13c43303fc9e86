using Dapper;
using SlackOigSync.Storage;

namespace SlackOigSync.Tests.Storage;

/// <summary>Migration 4 backfills remembered identities from the audit trail, so the first run after an upgrade already remembers who is who.</summary>
public sealed class IdentityLinkMigrationTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"slack-oig-sync-links-{Guid.NewGuid():N}.db");

    [Fact]
    public void Upgrading_a_database_links_each_slack_user_to_the_okta_user_of_its_latest_add_grant_row()
    {
        var database = new SyncDatabase(_path);
        using (var connection = database.Open())
        {
            // A database as version 3 left it, with an audit trail.
            connection.Execute("CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL);");
            foreach (var (version, sql) in Migrations.All.Where(m => m.Version <= 3))
            {
                connection.Execute(sql);
                connection.Execute("INSERT INTO schema_version VALUES (@version, '2026-01-01T00:00:00Z')", new { version });
            }

            connection.Execute("INSERT INTO sync_execution_log (execution_id, start_time, status) VALUES ('x1', '2026-01-01T00:00:00Z', 'SUCCESS')");
            connection.Execute(
                """
                INSERT INTO sync_change_audit (execution_id, action, slack_user_id, okta_user_id, slack_role_id, outcome, recorded_at) VALUES
                ('x1', 'ADD_GRANT', 'U1', '00uA', 'Rl0L', 'APPLIED', '2026-01-01T00:00:01Z'),
                ('x1', 'ADD_GRANT', 'U1', '00uA', 'Rl0C', 'APPLIED', '2026-01-02T00:00:01Z'),
                ('x1', 'ADD_GRANT', 'U2', '00uB', 'Rl0L', 'APPLIED', '2026-01-01T00:00:02Z'),
                ('x1', 'ADD_GRANT', 'U2', '00uC', 'Rl0L', 'APPLIED', '2026-01-03T00:00:02Z'),
                ('x1', 'REVOKE_GRANT', NULL, '00uD', 'Rl0L', 'APPLIED', '2026-01-03T00:00:03Z')
                """);
        }

        Assert.Equal(Migrations.All[^1].Version, database.Migrate());

        var links = new IdentityLinkRepository(database).All();
        Assert.Equal(["U1", "U2"], links.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new IdentityLink("U1", "00uA", LinkSource.AuditTrail, new DateTimeOffset(2026, 1, 1, 0, 0, 1, TimeSpan.Zero), new DateTimeOffset(2026, 1, 2, 0, 0, 1, TimeSpan.Zero)), links["U1"]);
        Assert.Equal(("00uC", new DateTimeOffset(2026, 1, 3, 0, 0, 2, TimeSpan.Zero)), (links["U2"].OktaUserId, links["U2"].FirstLinked));
    }

    [Fact]
    public void Links_and_findings_round_trip_with_their_types()
    {
        var database = new SyncDatabase(_path);
        database.Migrate();
        var links = new IdentityLinkRepository(database);
        var (t0, t1, t2) = (new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 1, 0, 0, 1, TimeSpan.Zero), new DateTimeOffset(2026, 1, 2, 0, 0, 1, TimeSpan.Zero));
        links.Save([new IdentityLink("U1", "00uA", LinkSource.Email, t1, t1)]);
        links.Save([new IdentityLink("U1", "00uA", LinkSource.ExternalId, t1, t2)]);
        Assert.Equal(new IdentityLink("U1", "00uA", LinkSource.ExternalId, t1, t2), links.All()["U1"]);

        new ExecutionLogRepository(database).Open("x1", t0, dryRun: false);
        var findings = new FindingRepository(database);
        findings.Append([new Finding { ExecutionId = "x1", Kind = FindingKind.KeptUnresolved, OktaUserId = "00uA", SlackRoleId = "Rl0L", Detail = "kept" }]);
        var found = Assert.Single(findings.ForExecution("x1"));
        Assert.Equal((FindingKind.KeptUnresolved, "00uA", "Rl0L"), (found.Kind, found.OktaUserId, found.SlackRoleId));
        using var connection = database.Open();
        Assert.Equal("KEPT_UNRESOLVED", connection.ExecuteScalar<string>("SELECT kind FROM sync_finding"));
    }

    public void Dispose()
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }
}
