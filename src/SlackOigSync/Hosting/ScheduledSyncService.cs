using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SlackOigSync.Hosting;

/// <summary>
/// The daemon: waits for the next occurrence of its schedule, runs once, and waits again, until SIGTERM. Runs are
/// awaited in this loop, so two never overlap; a run that outlasts the interval skips the occurrences it overran
/// (the next run is the first occurrence after it ends).
/// </summary>
public sealed class ScheduledSyncService(CronSchedule schedule, IScheduledRun run, TimeProvider clock, ILogger<ScheduledSyncService> logger) : BackgroundService
{
    /// <summary>The longest single wait: a later occurrence is waited for in steps, re-reading the clock (and within Task.Delay's limit).</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Daemon started: syncs on '{Cron}' in {Zone}", schedule.Text, schedule.Zone.Id);
        var previous = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            // Never before the occurrence just run, so a timer that fires a little early cannot run it twice.
            var now = clock.GetUtcNow();
            if (schedule.Next(now > previous ? now : previous) is not { } next)
            {
                logger.LogError("Schedule:Cron '{Cron}' has no occurrence after {Now:u}; the daemon stops", schedule.Text, now.UtcDateTime);
                break;
            }

            logger.LogInformation("Next sync at {Next:yyyy-MM-dd HH:mm:ss} {Zone} ({Utc:u})", TimeZoneInfo.ConvertTime(next, schedule.Zone), schedule.Zone.Id, next.UtcDateTime);
            if (!await WaitUntilAsync(next, stoppingToken))
            {
                break;
            }

            previous = next;
            await run.RunOnceAsync(stoppingToken);
        }

        logger.LogInformation("Daemon stopped");
    }

    /// <summary>True once the clock reaches <paramref name="instant"/>; false when stopped first.</summary>
    private async Task<bool> WaitUntilAsync(DateTimeOffset instant, CancellationToken stoppingToken)
    {
        try
        {
            for (var wait = instant - clock.GetUtcNow(); wait > TimeSpan.Zero; wait = instant - clock.GetUtcNow())
            {
                await Task.Delay(wait < LongestWait ? wait : LongestWait, clock, stoppingToken);
            }

            return !stoppingToken.IsCancellationRequested;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
