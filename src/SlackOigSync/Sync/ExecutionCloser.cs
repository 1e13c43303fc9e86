using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SlackOigSync.Http;
using SlackOigSync.Storage;

namespace SlackOigSync.Sync;

/// <summary>Closes a run's row in sync_execution_log with how it ended and what it counted, and logs the run's last line.</summary>
public sealed class ExecutionCloser(ExecutionLogRepository executions, RunMetrics metrics, TimeProvider clock, ILogger<ExecutionCloser> logger)
{
    public void Close(string executionId, DateTimeOffset started, bool dryRun, SyncResult result)
    {
        executions.Close(new ExecutionRecord
        {
            ExecutionId = executionId,
            StartTime = started,
            EndTime = clock.GetUtcNow(),
            DurationSeconds = Math.Round(result.DurationSeconds, 3),
            Status = result.Status,
            TotalSlackUsers = result.TotalSlackUsers,
            TotalEntitlementsSynced = result.RolesSynced,
            AssignmentsAdded = result.Added,
            AssignmentsRemoved = result.Removed,
            UsersNotInOkta = JsonSerializer.Serialize(result.Resolution?.Unresolved.Select(u => u.Identifier).ToList() ?? [], StorageJsonContext.Default.ListString),
            ErrorMessage = result.ErrorMessage,
            DryRun = dryRun,
            ExitCode = result.ExitCode,
            ChangesFailed = result.Failed,
            ApiRequests = metrics.Requests,
            ApiRetries = metrics.Retries,
            ApiWaitMs = metrics.WaitMilliseconds,
            ApiBackoffMs = metrics.BackoffMilliseconds,
            GrantsKeptUnresolved = result.Plan?.Kept.Count ?? 0,
            IdentityConflicts = result.Resolution?.Conflicts.Count() ?? 0,
            RevocationsHeld = result.Held.Count,
            LinksMoved = result.MovedLinks.Count,
            OigRevocations = result.Plan?.OigRevocations.Count ?? 0,
            SlackRolesRemoved = result.RemovedFromSlack,
        });
        logger.LogInformation(
            "Sync finished {Status}: {Added} added, {Removed} removed, {Failed} failed, {Kept} kept (identity unresolved), {Held} revocations held, {Inactive} held by grants not active, {NotInOkta} not in Okta, {Requests} API requests, {Retries} retries, {WaitMs} ms waiting on rate limits, {BackoffMs} ms backing off after errors, {Seconds:F1}s, peak working set {PeakMb} MB",
            StorageText.Of(result.Status), result.Added, result.Removed, result.Failed, result.Plan?.Kept.Count ?? 0, result.Held.Count, result.Plan?.HeldByInactiveGrants.Count ?? 0, result.Resolution?.Unresolved.Count ?? 0,
            metrics.Requests, metrics.Retries, metrics.WaitMilliseconds, metrics.BackoffMilliseconds, result.DurationSeconds, PeakWorkingSetMb());
    }

    private static long PeakWorkingSetMb()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / (1024 * 1024);
    }
}
