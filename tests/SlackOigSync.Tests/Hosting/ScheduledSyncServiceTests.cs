using System.Threading.Channels;
using SlackOigSync.Configuration;
using SlackOigSync.Hosting;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Hosting;

/// <summary>The daemon loop on a fake clock: it waits for the next occurrence, runs once, waits again; no sleeps.</summary>
public sealed class ScheduledSyncServiceTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static DateTimeOffset Utc(int month, int day, int hour, int minute) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_daemon_waits_until_the_next_occurrence_runs_once_and_waits_again()
    {
        await using var daemon = await Daemon.StartAsync(Utc(11, 22, 0, 30), new ScheduleSettings { DailyAt = "02:00", TimeZone = "Europe/Paris" });

        Assert.Equal(TimeSpan.FromMinutes(30), await daemon.Clock.NextWaitAsync()); // 01:30 in Paris → 02:00
        daemon.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Empty(daemon.Run.Runs);

        daemon.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(Utc(11, 22, 1, 0), await daemon.Run.NextStartAsync());
        Assert.Equal(TimeSpan.FromDays(1), await daemon.Clock.NextWaitAsync());
        Assert.Equal([Utc(11, 22, 1, 0)], daemon.Run.Runs);
        Assert.Contains(daemon.Log.Entries, e => e.Text == "Next sync at 2026-11-23 02:00:00 Europe/Paris (2026-11-23 01:00:00Z)");
    }

    [Fact]
    public async Task Across_the_spring_forward_a_skipped_time_runs_when_the_gap_ends_then_at_the_usual_time()
    {
        // Paris, 29 March 2026: 02:00 becomes 03:00 (01:00 UTC), so 02:30 does not exist that night.
        await using var daemon = await Daemon.StartAsync(Utc(3, 28, 12, 0), new ScheduleSettings { Cron = "30 2 * * *", TimeZone = "Europe/Paris" });

        Assert.Equal(Utc(3, 29, 1, 0), await daemon.NextRunAsync());  // 03:00 CEST
        Assert.Equal(Utc(3, 30, 0, 30), await daemon.NextRunAsync()); // 02:30 CEST
        Assert.Equal(Utc(3, 31, 0, 30), await daemon.NextRunAsync());
    }

    [Fact]
    public async Task Across_the_fall_back_a_daily_time_runs_once_and_an_hourly_expression_every_real_hour()
    {
        // Paris, 25 October 2026: 03:00 becomes 02:00 (01:00 UTC), so 02:00–02:59 happen twice.
        await using (var daily = await Daemon.StartAsync(Utc(10, 24, 12, 0), new ScheduleSettings { Cron = "30 2 * * *", TimeZone = "Europe/Paris" }))
        {
            Assert.Equal(Utc(10, 25, 0, 30), await daily.NextRunAsync()); // 02:30 CEST
            Assert.Equal(Utc(10, 26, 1, 30), await daily.NextRunAsync()); // 02:30 CET the next day: 25 hours later, not twice on the 25th
        }

        await using var hourly = await Daemon.StartAsync(Utc(10, 24, 23, 30), new ScheduleSettings { Cron = "0 * * * *", TimeZone = "Europe/Paris" });
        Assert.Equal(Utc(10, 25, 0, 0), await hourly.NextRunAsync()); // 02:00 CEST
        Assert.Equal(Utc(10, 25, 1, 0), await hourly.NextRunAsync()); // 02:00 CET
        Assert.Equal(Utc(10, 25, 2, 0), await hourly.NextRunAsync()); // 03:00 CET
    }

    [Fact]
    public async Task A_run_longer_than_the_interval_is_never_overlapped_and_the_overrun_occurrences_are_skipped()
    {
        await using var daemon = await Daemon.StartAsync(Utc(11, 22, 0, 30), new ScheduleSettings { Cron = "0 * * * *", TimeZone = "UTC" }, holdRuns: true);

        daemon.Clock.Advance(await daemon.Clock.NextWaitAsync());
        Assert.Equal(Utc(11, 22, 1, 0), await daemon.Run.NextStartAsync());

        daemon.Clock.Advance(TimeSpan.FromMinutes(90)); // the run lasts until 02:30, past the 02:00 occurrence
        Assert.False(daemon.Clock.HasNewWait, "the daemon waited for another run while one was in progress");
        daemon.Run.FinishOne();

        Assert.Equal(TimeSpan.FromMinutes(30), await daemon.Clock.NextWaitAsync()); // the first occurrence after the run: 03:00
        daemon.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(Utc(11, 22, 3, 0), await daemon.Run.NextStartAsync());
        daemon.Run.FinishOne();
        Assert.Equal(1, daemon.Run.MostAtOnce);
        Assert.Equal([Utc(11, 22, 1, 0), Utc(11, 22, 3, 0)], daemon.Run.Runs);
    }

    [Fact]
    public async Task An_occurrence_more_than_a_day_away_is_waited_for_in_steps_of_a_day()
    {
        await using var daemon = await Daemon.StartAsync(Utc(11, 22, 0, 0), new ScheduleSettings { Cron = "0 2 1 * *", TimeZone = "UTC" }); // monthly

        Assert.Equal(Utc(12, 1, 2, 0), await daemon.NextRunAsync());
        Assert.Equal(Utc(1, 1, 2, 0).AddYears(1), await daemon.NextRunAsync());
    }

    [Fact]
    public async Task Stopping_while_waiting_ends_the_loop_without_a_run()
    {
        var daemon = await Daemon.StartAsync(Utc(11, 22, 0, 30), new ScheduleSettings { DailyAt = "02:00", TimeZone = "UTC" });
        await daemon.Clock.NextWaitAsync();

        await daemon.DisposeAsync();

        Assert.Empty(daemon.Run.Runs);
        Assert.Equal("Daemon stopped", daemon.Log.Entries[^1].Text);
    }

    [Fact]
    public async Task An_expression_with_no_next_occurrence_stops_the_daemon_with_an_error()
    {
        await using var daemon = await Daemon.StartAsync(Utc(11, 22, 0, 30), new ScheduleSettings { Cron = "0 2 30 2 *", TimeZone = "UTC" });

        await daemon.Service.ExecuteTask!.WaitAsync(Deadline);

        Assert.Contains(daemon.Log.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error && e.Text.StartsWith("Schedule:Cron '0 2 30 2 *' has no occurrence after", StringComparison.Ordinal));
        Assert.Empty(daemon.Run.Runs);
    }

    /// <summary>The service on a <see cref="WaitingClock"/>, with a run that records when it started.</summary>
    private sealed class Daemon : IAsyncDisposable
    {
        private Daemon(WaitingClock clock, FakeRun run, ListLogger<ScheduledSyncService> log, ScheduledSyncService service)
        {
            (Clock, Run, Log, Service) = (clock, run, log, service);
        }

        public WaitingClock Clock { get; }

        public FakeRun Run { get; }

        public ListLogger<ScheduledSyncService> Log { get; }

        public ScheduledSyncService Service { get; }

        public static async Task<Daemon> StartAsync(DateTimeOffset now, ScheduleSettings schedule, bool holdRuns = false)
        {
            var clock = new WaitingClock(now);
            var run = new FakeRun(clock, holdRuns);
            var log = new ListLogger<ScheduledSyncService>();
            var service = new ScheduledSyncService(CronSchedule.From(schedule), run, clock, log);
            await service.StartAsync(CancellationToken.None);
            return new Daemon(clock, run, log, service);
        }

        /// <summary>Advances the clock wait by wait (a day at most each) until a run starts, and returns when it started.</summary>
        public async Task<DateTimeOffset> NextRunAsync()
        {
            while (true)
            {
                Clock.Advance(await Clock.NextWaitAsync());

                // Either the run starts, or the daemon waits again (a further step of a long wait).
                await Task.WhenAny(Run.StartingAsync(), Clock.WaitingAsync()).WaitAsync(Deadline);
                if (Run.TryTakeStart(out var started))
                {
                    return started;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            Run.FinishAll();
            await Service.StopAsync(CancellationToken.None);
            Service.Dispose();
        }
    }

    /// <summary>Records each run's start on the clock; with holdRuns, a run lasts until the test finishes it.</summary>
    private sealed class FakeRun(TimeProvider clock, bool holdRuns) : IScheduledRun
    {
        private readonly Channel<DateTimeOffset> _starts = Channel.CreateUnbounded<DateTimeOffset>();
        private readonly Channel<bool> _finish = Channel.CreateUnbounded<bool>();
        private readonly List<DateTimeOffset> _runs = [];
        private int _running;

        public int MostAtOnce { get; private set; }

        public IReadOnlyList<DateTimeOffset> Runs
        {
            get
            {
                lock (_runs)
                {
                    return [.. _runs];
                }
            }
        }

        public async Task RunOnceAsync(CancellationToken stoppingToken)
        {
            var running = Interlocked.Increment(ref _running);
            lock (_runs)
            {
                MostAtOnce = Math.Max(MostAtOnce, running);
                _runs.Add(clock.GetUtcNow());
            }

            _starts.Writer.TryWrite(clock.GetUtcNow());
            try
            {
                if (holdRuns)
                {
                    await _finish.Reader.ReadAsync(stoppingToken);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }

        public async Task<DateTimeOffset> NextStartAsync() => await _starts.Reader.ReadAsync().AsTask().WaitAsync(Deadline);

        public Task<bool> StartingAsync() => _starts.Reader.WaitToReadAsync().AsTask();

        public bool TryTakeStart(out DateTimeOffset started) => _starts.Reader.TryRead(out started);

        public void FinishOne() => _finish.Writer.TryWrite(true);

        public void FinishAll() => _finish.Writer.TryComplete();
    }
}
