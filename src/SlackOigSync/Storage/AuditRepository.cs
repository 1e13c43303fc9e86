using Dapper;

namespace SlackOigSync.Storage;

/// <summary>Appends to and reads sync_change_audit.</summary>
public sealed class AuditRepository(SyncDatabase database)
{
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
            entries,
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
                entry,
                transaction));
        }

        transaction.Commit();
        return ids;
    }

    /// <summary>Records how pending changes ended.</summary>
    public void Complete(IReadOnlyCollection<long> ids, string outcome, string? error, string recordedAt)
    {
        using var connection = database.Open();
        connection.Execute(
            "UPDATE sync_change_audit SET outcome = @outcome, error = @error, recorded_at = @recordedAt WHERE id IN @ids",
            new { ids, outcome, error, recordedAt });
    }

    public IReadOnlyList<AuditEntry> ForExecution(string executionId)
    {
        using var connection = database.Open();
        return connection.Query<AuditEntry>(
            """
            SELECT id AS Id, execution_id AS ExecutionId, action AS Action, slack_user_id AS SlackUserId, email AS Email,
                   okta_user_id AS OktaUserId, slack_role_id AS SlackRoleId, okta_entitlement_value_id AS OktaEntitlementValueId,
                   outcome AS Outcome, error AS Error, recorded_at AS RecordedAt
            FROM sync_change_audit WHERE execution_id = @executionId ORDER BY id
            """,
            new { executionId }).ToList();
    }
}
