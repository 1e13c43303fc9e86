using System.Text.Json;
using SlackOigSync.Storage;

namespace SlackOigSync.Cli;

/// <summary>
/// 'history': recent executions. The table fits in 120 columns (the error is cut to what is left); dry runs show
/// what they would have changed; json and csv carry every counter, under stable snake_case names.
/// </summary>
public static class HistoryCommand
{
    public const int TableWidth = 120;
    private const int ShortIdLength = 8;

    public static void Print(SyncDatabase database, int limit, OutputFormat format, TextWriter output)
    {
        var runs = new ExecutionLogRepository(database).Recent(limit);
        var planned = new AuditRepository(database).PlannedCounts([.. runs.Where(r => r.DryRun).Select(r => r.ExecutionId)]);
        var rows = runs.Select(r => ToRow(r, planned.GetValueOrDefault(r.ExecutionId))).ToList();
        FormattedRows.Write(format, rows, CliJsonContext.Default.ListHistoryRow, Columns, output, () => output.Write(rows.Count == 0 ? "No executions recorded yet.\n" : Table(rows)));
    }

    /// <summary>The short id 'show' accepts: the first characters of the execution's uuid.</summary>
    public static string ShortId(string executionId) =>
        executionId.StartsWith("slack-sync-", StringComparison.Ordinal) && executionId.Length >= 11 + ShortIdLength
            ? executionId.Substring(11, ShortIdLength)
            : executionId;

    private static readonly IReadOnlyList<string> Columns = CsvText.Columns(JsonSerializer.Serialize(
        new HistoryRow { ExecutionId = string.Empty, ShortId = string.Empty, StartTime = string.Empty, Status = string.Empty },
        CliJsonContext.Default.HistoryRow));

    private static HistoryRow ToRow(ExecutionRecord r, (long Add, long Remove) planned)
    {
        var notInOkta = ParseList(r.UsersNotInOkta);
        return new HistoryRow
        {
            ExecutionId = r.ExecutionId,
            ShortId = ShortId(r.ExecutionId),
            StartTime = DisplayText.IsoSeconds(r.StartTime),
            EndTime = DisplayText.IsoSeconds(r.EndTime),
            DurationSeconds = r.DurationSeconds,
            Status = StorageText.Of(r.Status),
            DryRun = r.DryRun,
            ExitCode = r.ExitCode,
            TotalSlackUsers = r.TotalSlackUsers,
            TotalEntitlementsSynced = r.TotalEntitlementsSynced,
            AssignmentsAdded = r.AssignmentsAdded,
            AssignmentsRemoved = r.AssignmentsRemoved,
            PlannedAdded = planned.Add,
            PlannedRemoved = planned.Remove,
            ChangesFailed = r.ChangesFailed,
            GrantsKeptUnresolved = r.GrantsKeptUnresolved,
            IdentityConflicts = r.IdentityConflicts,
            RevocationsHeld = r.RevocationsHeld,
            LinksMoved = r.LinksMoved,
            UsersNotInOktaCount = notInOkta.Count,
            UsersNotInOkta = notInOkta,
            ErrorMessage = r.ErrorMessage,
            ApiRequests = r.ApiRequests,
            ApiRetries = r.ApiRetries,
            ApiWaitMs = r.ApiWaitMs,
            ApiBackoffMs = r.ApiBackoffMs,
        };
    }

    private static string Table(IReadOnlyList<HistoryRow> rows)
    {
        string[] headers = ["ID", "STARTED (UTC)", "TOOK", "STATUS", "DRY", "ADDED", "REMOVED", "FAILED", "KEPT", "NOT IN OKTA", "ERROR"];
        var cells = rows.Select(r => new[]
        {
            r.ShortId, DisplayText.Time(r.StartTime), DisplayText.Duration(r.DurationSeconds), r.Status, r.DryRun ? "yes" : string.Empty,
            DisplayText.Count(r.DryRun ? r.PlannedAdded : r.AssignmentsAdded), DisplayText.Count(r.DryRun ? r.PlannedRemoved : r.AssignmentsRemoved),
            DisplayText.Count(r.ChangesFailed), DisplayText.Count(r.GrantsKeptUnresolved), DisplayText.Count(r.UsersNotInOktaCount), r.ErrorMessage,
        }).ToList();

        // Every column but the error is short and bounded; the error gets what is left of the 120 columns.
        var fixedWidth = 2 + Enumerable.Range(0, headers.Length - 1).Sum(i => Math.Max(headers[i].Length, cells.Max(c => (c[i] ?? "-").Length)) + 2);
        var errorWidth = Math.Max(headers[^1].Length, TableWidth - fixedWidth);
        foreach (var row in cells)
        {
            row[^1] = row[^1] is null ? string.Empty : DisplayText.Truncate(row[^1], errorWidth);
        }

        var table = TextTable.Render(headers, cells);
        return table + (rows.Any(r => r.DryRun) ? "  Dry runs (DRY yes) count what they would have added and removed.\n" : string.Empty)
                     + "  'show <ID>' lists a run's changes; --format json or csv gives every counter.\n";
    }

    private static List<string> ParseList(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, CliListJsonContext.Default.ListString) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
