using Microsoft.Extensions.Logging;
using SlackOigSync.Alerts;
using SlackOigSync.Configuration;
using SlackOigSync.Sync;

namespace SlackOigSync.Hosting;

/// <summary>One scheduled sync: the run, then its alert; a database that refuses to record the run is logged, and the schedule goes on.</summary>
public sealed class ScheduledRun(SyncRunner runner, RunAlerter alerter, AppSettings settings, ILogger<ScheduledRun> logger) : IScheduledRun
{
    public async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            var result = await runner.RunAsync(dryRun: false, stoppingToken);
            await alerter.AlertAsync(result, stoppingToken); // logged and recorded; never fails the daemon
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or Storage.StorageException)
        {
            // The database refused to record the run (locked, full, read-only): say so and keep the schedule.
            logger.LogError("Sync could not run: {Error}", Storage.StorageException.Of(e, settings.Sync.DatabasePath).Message);
        }
    }
}
