using System.Text.Json;
using Dapper;
using SlackOigSync.Configuration;
using SlackOigSync.Storage;
using SlackOigSync.Sync;

namespace SlackOigSync.Reports;

/// <summary>Reads what the HTML report shows: the holders (<see cref="HolderQuery"/>), the basis run's unresolved holders and conflicts, and the last real runs.</summary>
public sealed class ReportQuery(SyncDatabase database, RoleCatalogue? catalogue)
{
    public const int RunsCharted = 90;

    public ReportData Read(DateTimeOffset now)
    {
        var snapshot = new HolderQuery(database, catalogue).Read();
        var basisId = snapshot.Basis.ExecutionId;
        var record = new ExecutionLogRepository(database).Find(basisId);
        var notInOkta = record is null ? [] : JsonSerializer.Deserialize(record.UsersNotInOkta, StorageJsonContext.Default.ListString) ?? [];
        var findings = new FindingRepository(database).ForExecution(basisId);
        return new ReportData(
            snapshot,
            notInOkta,
            [.. findings.Where(f => f.Kind == FindingKind.KeptUnresolved)],
            [.. findings.Where(f => f.Kind == FindingKind.IdentityConflict)],
            RecentRuns(),
            now);
    }

    /// <summary>The last <see cref="RunsCharted"/> real runs, oldest first; dry runs change nothing and are left out.</summary>
    private List<RunPoint> RecentRuns()
    {
        using var connection = database.Open();
        return connection.Query<(string Id, DateTimeOffset Start, string Status, long Holders, long Added, long Removed, long Failed, double? Duration)>(
                """
                SELECT execution_id, start_time, status, total_slack_users, assignments_added, assignments_removed, changes_failed, duration_seconds
                FROM sync_execution_log WHERE dry_run = 0 ORDER BY start_time DESC, rowid DESC LIMIT @count
                """,
                new { count = RunsCharted })
            .Select(r => new RunPoint(
                r.Id, r.Start,
                Enum.TryParse<RunStatus>(r.Status, ignoreCase: true, out var status) ? status : null,
                r.Holders, r.Added, r.Removed, r.Failed, r.Duration))
            .Reverse()
            .ToList();
    }
}
