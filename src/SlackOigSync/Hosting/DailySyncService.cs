using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SlackOigSync.Alerts;
using SlackOigSync.Configuration;
using SlackOigSync.Sync;

namespace SlackOigSync.Hosting;

/// <summary>The daemon: one sync a day at Schedule:DailyAt in Schedule:TimeZone, one run at a time, until SIGTERM.</summary>
public sealed class DailySyncService(SyncRunner runner, RunAlerter alerter, AppSettings settings, TimeProvider clock, ILogger<DailySyncService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(settings.Schedule.TimeZone);
        var at = TimeOnly.ParseExact(settings.Schedule.DailyAt, "HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = NextOccurrence(clock.GetUtcNow(), at, zone);
            logger.LogInformation("Next sync at {Next:yyyy-MM-dd HH:mm} {Zone} ({Utc:u})", TimeZoneInfo.ConvertTime(next, zone), zone.Id, next.UtcDateTime);
            try
            {
                await Task.Delay(next - clock.GetUtcNow(), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            // Runs are awaited in this loop, so two can never overlap.
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

        logger.LogInformation("Daemon stopped");
    }

    /// <summary>The first instant strictly after <paramref name="now"/> whose local time in <paramref name="zone"/> is <paramref name="at"/>.</summary>
    public static DateTimeOffset NextOccurrence(DateTimeOffset now, TimeOnly at, TimeZoneInfo zone)
    {
        var localNow = TimeZoneInfo.ConvertTime(now, zone);
        for (var day = 0; day < 3; day++)
        {
            var localDate = DateOnly.FromDateTime(localNow.DateTime).AddDays(day);
            var local = localDate.ToDateTime(at);
            if (zone.IsInvalidTime(local))
            {
                local = local.AddHours(1); // the clock skipped this time (spring forward): run just after the gap
            }

            var candidate = new DateTimeOffset(local, zone.GetUtcOffset(local));
            if (candidate > now)
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("No next occurrence found within three days.");
    }
}
