using Dapper;

namespace SlackOigSync.Storage;

/// <summary>Reads and writes sync_execution_log.</summary>
public sealed class ExecutionLogRepository(SyncDatabase database)
{
    private const string SelectColumns = """
        SELECT execution_id AS ExecutionId, start_time AS StartTime, end_time AS EndTime, duration_seconds AS DurationSeconds,
               status AS Status, total_slack_users AS TotalSlackUsers, total_entitlements_synced AS TotalEntitlementsSynced,
               assignments_added AS AssignmentsAdded, assignments_removed AS AssignmentsRemoved, users_not_in_okta AS UsersNotInOkta,
               error_message AS ErrorMessage, dry_run AS DryRun, exit_code AS ExitCode, changes_failed AS ChangesFailed,
               api_requests AS ApiRequests, api_retries AS ApiRetries, api_wait_ms AS ApiWaitMs, api_backoff_ms AS ApiBackoffMs,
               grants_kept_unresolved AS GrantsKeptUnresolved, identity_conflicts AS IdentityConflicts,
               revocations_held AS RevocationsHeld, links_moved AS LinksMoved,
               oig_revocations AS OigRevocations, slack_roles_removed AS SlackRolesRemoved
        FROM sync_execution_log
        """;

    /// <summary>Records the run as RUNNING before it does anything, so a crash leaves a visible trace.</summary>
    public void Open(string executionId, DateTimeOffset startTime, bool dryRun)
    {
        using var connection = database.Open();
        connection.Execute(
            "INSERT INTO sync_execution_log (execution_id, start_time, status, dry_run) VALUES (@executionId, @startTime, 'RUNNING', @dryRun)",
            new { executionId, startTime, dryRun });
    }

    public void Close(ExecutionRecord record)
    {
        using var connection = database.Open();
        connection.Execute(
            """
            UPDATE sync_execution_log SET end_time = @EndTime, duration_seconds = @DurationSeconds, status = @Status,
                total_slack_users = @TotalSlackUsers, total_entitlements_synced = @TotalEntitlementsSynced,
                assignments_added = @AssignmentsAdded, assignments_removed = @AssignmentsRemoved, users_not_in_okta = @UsersNotInOkta,
                error_message = @ErrorMessage, exit_code = @ExitCode, changes_failed = @ChangesFailed,
                api_requests = @ApiRequests, api_retries = @ApiRetries, api_wait_ms = @ApiWaitMs, api_backoff_ms = @ApiBackoffMs,
                grants_kept_unresolved = @GrantsKeptUnresolved, identity_conflicts = @IdentityConflicts,
                revocations_held = @RevocationsHeld, links_moved = @LinksMoved,
                oig_revocations = @OigRevocations, slack_roles_removed = @SlackRolesRemoved
            WHERE execution_id = @ExecutionId
            """,
            Parameters(record));
    }

    /// <summary>
    /// Closes runs left RUNNING by a process that died, as FAILED ("interrupted"), with the changes their audit rows
    /// show APPLIED counted as added and removed, and marks their writes whose outcome was never recorded as UNKNOWN
    /// (a later step reconciles those against OIG). Called only by the lease holder, so no live run is affected.
    /// </summary>
    public IReadOnlyList<string> CloseInterrupted(string currentExecutionId, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var ids = connection.Query<string>(
            "SELECT execution_id FROM sync_execution_log WHERE status = 'RUNNING' AND execution_id <> @currentExecutionId AND dry_run = 0",
            new { currentExecutionId }, transaction).ToList();
        foreach (var id in ids)
        {
            connection.Execute(
                """
                UPDATE sync_execution_log SET status = 'FAILED', end_time = @now, exit_code = 1,
                    assignments_added = (SELECT COUNT(*) FROM sync_change_audit WHERE execution_id = @id AND action = 'ADD_GRANT' AND outcome = 'APPLIED'),
                    assignments_removed = (SELECT COUNT(*) FROM sync_change_audit WHERE execution_id = @id AND action = 'REVOKE_GRANT' AND outcome = 'APPLIED'),
                    changes_failed = (SELECT COUNT(*) FROM sync_change_audit WHERE execution_id = @id AND outcome = 'FAILED'),
                    error_message = 'interrupted: the process stopped before the run finished; closed by ' || @currentExecutionId
                WHERE execution_id = @id
                """,
                new { id, now, currentExecutionId }, transaction);
            connection.Execute(
                """
                UPDATE sync_change_audit SET outcome = 'UNKNOWN',
                    error = 'interrupted before the outcome was recorded; ' || @currentExecutionId || ' re-read OIG and Slack and planned from what it found'
                WHERE execution_id = @id AND outcome = 'PENDING'
                """,
                new { id, currentExecutionId }, transaction);
        }

        transaction.Commit();
        return ids;
    }

    public IReadOnlyList<ExecutionRecord> Recent(int count)
    {
        using var connection = database.Open();
        return connection.Query<ExecutionRecord>($"{SelectColumns} ORDER BY start_time DESC, rowid DESC LIMIT @count", new { count }).ToList();
    }

    /// <summary>
    /// Execution ids that contain <paramref name="fragment"/> (the short id 'history' prints, or a whole id),
    /// at most <paramref name="limit"/>; an exact match alone when there is one.
    /// </summary>
    public IReadOnlyList<string> Matching(string fragment, int limit)
    {
        using var connection = database.Open();
        if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sync_execution_log WHERE execution_id = @fragment", new { fragment }) > 0)
        {
            return [fragment];
        }

        return connection.Query<string>(
            "SELECT execution_id FROM sync_execution_log WHERE instr(execution_id, @fragment) > 0 ORDER BY start_time DESC LIMIT @limit",
            new { fragment, limit }).ToList();
    }

    public ExecutionRecord? Find(string executionId)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<ExecutionRecord>($"{SelectColumns} WHERE execution_id = @executionId", new { executionId });
    }

    /// <summary>The record as the database spells it: the status as its word.</summary>
    private static object Parameters(ExecutionRecord r) => new
    {
        r.ExecutionId, r.EndTime, r.DurationSeconds, Status = StorageText.Of(r.Status), r.TotalSlackUsers, r.TotalEntitlementsSynced, r.AssignmentsAdded,
        r.AssignmentsRemoved, r.UsersNotInOkta, r.ErrorMessage, r.ExitCode, r.ChangesFailed, r.ApiRequests, r.ApiRetries, r.ApiWaitMs, r.ApiBackoffMs,
        r.GrantsKeptUnresolved, r.IdentityConflicts, r.RevocationsHeld, r.LinksMoved, r.OigRevocations, r.SlackRolesRemoved,
    };
}
