using Dapper;

namespace SlackOigSync.Storage;

/// <summary>Appends to and reads sync_change_audit.</summary>
public sealed class AuditRepository(SyncDatabase database)
{
    public string DatabasePath => database.Path;

    public void Append(IReadOnlyCollection<AuditEntry> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        connection.Execute(
            """
            INSERT INTO sync_change_audit (execution_id, action, slack_user_id, email, okta_user_id, slack_role_id,
                                           okta_entitlement_value_id, outcome, error, recorded_at)
            VALUES (@ExecutionId, @Action, @SlackUserId, @Email, @OktaUserId, @SlackRoleId, @OktaEntitlementValueId, @Outcome, @Error, @RecordedAt)
            """,
            entries.Select(Parameters),
            transaction);
        transaction.Commit();
    }

    /// <summary>Records changes about to be attempted as PENDING, so a crash mid-call still leaves their trace; returns their ids.</summary>
    public IReadOnlyList<long> AppendPending(IReadOnlyCollection<AuditEntry> entries)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var ids = new List<long>(entries.Count);
        foreach (var entry in entries)
        {
            ids.Add(connection.ExecuteScalar<long>(
                """
                INSERT INTO sync_change_audit (execution_id, action, slack_user_id, email, okta_user_id, slack_role_id,
                                               okta_entitlement_value_id, outcome, error, recorded_at)
                VALUES (@ExecutionId, @Action, @SlackUserId, @Email, @OktaUserId, @SlackRoleId, @OktaEntitlementValueId, 'PENDING', NULL, @RecordedAt);
                SELECT last_insert_rowid();
                """,
                Parameters(entry),
                transaction));
        }

        transaction.Commit();
        return ids;
    }

    /// <summary>Records how pending changes ended.</summary>
    public void Complete(IReadOnlyCollection<long> ids, AuditOutcome outcome, string? error, DateTimeOffset recordedAt)
    {
        using var connection = database.Open();
        connection.Execute(
            "UPDATE sync_change_audit SET outcome = @outcome, error = @error, recorded_at = @recordedAt WHERE id IN @ids",
            new { ids, outcome = StorageText.Of(outcome), error, recordedAt });
    }

    /// <summary>
    /// Changes of earlier, closed, real runs whose outcome was never recorded (PENDING: the outcome could not be
    /// written; UNKNOWN: the process died mid-call), oldest first.
    /// </summary>
    public IReadOnlyList<AuditEntry> Unsettled(string currentExecutionId)
    {
        using var connection = database.Open();
        return connection.Query<Row>(
            """
            SELECT a.id AS Id, a.execution_id AS ExecutionId, a.action AS Action, a.slack_user_id AS SlackUserId, a.email AS Email,
                   a.okta_user_id AS OktaUserId, a.slack_role_id AS SlackRoleId, a.okta_entitlement_value_id AS OktaEntitlementValueId,
                   a.outcome AS Outcome, a.error AS Error, a.recorded_at AS RecordedAt
            FROM sync_change_audit a JOIN sync_execution_log e ON e.execution_id = a.execution_id
            WHERE a.outcome IN ('PENDING', 'UNKNOWN') AND a.execution_id <> @currentExecutionId AND e.status <> 'RUNNING' AND e.dry_run = 0
            ORDER BY a.id
            """,
            new { currentExecutionId }).Select(r => r.ToEntry()).ToList();
    }

    /// <summary>
    /// Records the real outcome of earlier runs' unsettled changes and which run settled them, then recounts those
    /// runs' assignments_added and assignments_removed from their APPLIED rows. One transaction.
    /// </summary>
    public void Settle(IReadOnlyCollection<(long Id, AuditOutcome Outcome, string Error)> settled, string reconciledBy, DateTimeOffset reconciledAt)
    {
        if (settled.Count == 0)
        {
            return;
        }

        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        connection.Execute(
            "UPDATE sync_change_audit SET outcome = @Outcome, error = @Error, reconciled_by = @reconciledBy, reconciled_at = @reconciledAt WHERE id = @Id",
            settled.Select(s => new { s.Id, Outcome = StorageText.Of(s.Outcome), s.Error, reconciledBy, reconciledAt }),
            transaction);
        connection.Execute(
            """
            UPDATE sync_execution_log SET
                assignments_added = (SELECT COUNT(*) FROM sync_change_audit a WHERE a.execution_id = sync_execution_log.execution_id AND a.action = 'ADD_GRANT' AND a.outcome = 'APPLIED'),
                assignments_removed = (SELECT COUNT(*) FROM sync_change_audit a WHERE a.execution_id = sync_execution_log.execution_id AND a.action = 'REVOKE_GRANT' AND a.outcome = 'APPLIED')
            WHERE execution_id IN (SELECT DISTINCT execution_id FROM sync_change_audit WHERE id IN @ids)
            """,
            new { ids = settled.Select(s => s.Id).ToList() },
            transaction);
        transaction.Commit();
    }

    /// <summary>What dry runs would have changed: their PLANNED grant additions and revocations, by execution id.</summary>
    public IReadOnlyDictionary<string, (long Add, long Remove)> PlannedCounts(IReadOnlyCollection<string> executionIds)
    {
        using var connection = database.Open();
        return connection.Query<(string ExecutionId, long Add, long Remove)>(
            """
            SELECT execution_id,
                   SUM(CASE WHEN action = 'ADD_GRANT' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN action = 'REVOKE_GRANT' THEN 1 ELSE 0 END)
            FROM sync_change_audit WHERE outcome = 'PLANNED' AND execution_id IN @executionIds
            GROUP BY execution_id
            """,
            new { executionIds }).ToDictionary(r => r.ExecutionId, r => (r.Add, r.Remove), StringComparer.Ordinal);
    }

    public IReadOnlyList<AuditEntry> ForExecution(string executionId)
    {
        using var connection = database.Open();
        return connection.Query<Row>(
            """
            SELECT id AS Id, execution_id AS ExecutionId, action AS Action, slack_user_id AS SlackUserId, email AS Email,
                   okta_user_id AS OktaUserId, slack_role_id AS SlackRoleId, okta_entitlement_value_id AS OktaEntitlementValueId,
                   outcome AS Outcome, error AS Error, recorded_at AS RecordedAt
            FROM sync_change_audit WHERE execution_id = @executionId ORDER BY id
            """,
            new { executionId }).Select(r => r.ToEntry()).ToList();
    }

    private static object Parameters(AuditEntry e) => new
    {
        e.ExecutionId, Action = StorageText.Of(e.Action), e.SlackUserId, e.Email, e.OktaUserId, e.SlackRoleId, e.OktaEntitlementValueId,
        Outcome = StorageText.Of(e.Outcome), e.Error, e.RecordedAt,
    };

    /// <summary>A row as the database spells it; action and outcome become their enums.</summary>
    private sealed record Row
    {
        public long Id { get; init; }
        public string ExecutionId { get; init; } = string.Empty;
        public string Action { get; init; } = string.Empty;
        public string? SlackUserId { get; init; }
        public string? Email { get; init; }
        public string? OktaUserId { get; init; }
        public string? SlackRoleId { get; init; }
        public string? OktaEntitlementValueId { get; init; }
        public string Outcome { get; init; } = string.Empty;
        public string? Error { get; init; }
        public DateTimeOffset RecordedAt { get; init; }

        public AuditEntry ToEntry() => new()
        {
            Id = Id, ExecutionId = ExecutionId, Action = StorageText.Parse<AuditAction>(Action), SlackUserId = SlackUserId, Email = Email,
            OktaUserId = OktaUserId, SlackRoleId = SlackRoleId, OktaEntitlementValueId = OktaEntitlementValueId,
            Outcome = StorageText.Parse<AuditOutcome>(Outcome), Error = Error, RecordedAt = RecordedAt,
        };
    }
}
