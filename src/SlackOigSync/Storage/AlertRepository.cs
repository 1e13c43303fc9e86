using Dapper;
using SlackOigSync.Alerts;

namespace SlackOigSync.Storage;

/// <summary>sync_alert: the Slack alerts each run tried to post.</summary>
public sealed class AlertRepository(SyncDatabase database)
{
    public string DatabasePath => database.Path;

    public void Append(AlertRecord alert)
    {
        using var connection = database.Open();
        connection.Execute(
            """
            INSERT INTO sync_alert (execution_id, attempted_at, transport, reasons, outcome, error)
            VALUES (@ExecutionId, @AttemptedAt, @Transport, @Reasons, @Outcome, @Error)
            """,
            new
            {
                alert.ExecutionId,
                alert.AttemptedAt,
                Transport = StorageText.Of(alert.Transport),
                Reasons = string.Join(',', alert.Reasons.Select(StorageText.Of)),
                Outcome = StorageText.Of(alert.Outcome),
                alert.Error,
            });
    }

    public IReadOnlyList<AlertRecord> ForExecution(string executionId)
    {
        using var connection = database.Open();
        return connection.Query<(long Id, DateTimeOffset AttemptedAt, string Transport, string Reasons, string Outcome, string? Error)>(
                "SELECT id, attempted_at, transport, reasons, outcome, error FROM sync_alert WHERE execution_id = @executionId ORDER BY id",
                new { executionId })
            .Select(r => new AlertRecord
            {
                Id = r.Id,
                ExecutionId = executionId,
                AttemptedAt = r.AttemptedAt,
                Transport = StorageText.Parse<AlertTransport>(r.Transport),
                Reasons = [.. r.Reasons.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(StorageText.Parse<AlertReason>)],
                Outcome = StorageText.Parse<AlertOutcome>(r.Outcome),
                Error = r.Error,
            })
            .ToList();
    }
}
