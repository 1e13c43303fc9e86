using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SlackOigSync.Progress;

namespace SlackOigSync.Tests.Progress;

/// <summary>Progress is reported on a fake clock: a line every ten seconds without a terminal, nothing for a short phase, a redrawn line on a terminal.</summary>
public sealed class RunProgressTests
{
    [Fact]
    public async Task Without_a_terminal_a_long_phase_is_logged_every_ten_seconds_with_done_total_rate_and_time_left()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 2, 0, 0, TimeSpan.Zero));
        var logger = new ListLogger();
        var progress = new RunProgress(clock, logger, new ProgressDisplay(null));
        using var stop = new CancellationTokenSource();
        var reporting = progress.ReportAsync(stop.Token);

        using (var phase = progress.Start("Writing to OIG", "grant calls", 1_000))
        {
            phase.Add(250);
            clock.Advance(TimeSpan.FromSeconds(10));
            await WhenAsync(() => logger.Lines.Count == 1);
            Assert.Equal("Progress: Writing to OIG: 250 of 1,000 grant calls (25%), 25.0/s, about 30s left", logger.Lines[0]);

            phase.Add(250);
            clock.Advance(TimeSpan.FromSeconds(10));
            await WhenAsync(() => logger.Lines.Count == 2);
            Assert.Equal("Progress: Writing to OIG: 500 of 1,000 grant calls (50%), 25.0/s, about 20s left", logger.Lines[1]);
        }

        // Ended: not mentioned again.
        clock.Advance(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await reporting;
        Assert.Equal(2, logger.Lines.Count);
    }

    [Fact]
    public async Task Second_by_second_the_log_gets_a_line_within_every_ten_seconds_not_one_per_second()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var logger = new ListLogger();
        var progress = new RunProgress(clock, logger, new ProgressDisplay(null));
        using var stop = new CancellationTokenSource();
        var reporting = progress.ReportAsync(stop.Token);
        using var phase = progress.Start("OIG grants", "read");

        for (var second = 1; second <= 25; second++)
        {
            phase.Add(100);
            clock.Advance(TimeSpan.FromSeconds(1));
            var expected = second / 9;
            await WhenAsync(() => logger.Lines.Count == expected);
        }

        await stop.CancelAsync();
        await reporting;

        // A line within every ten seconds (at 9 s and 18 s: the clock is looked at each second), never one a second.
        Assert.Equal(["Progress: OIG grants: 900 read, 100.0/s", "Progress: OIG grants: 1,800 read, 100.0/s"], logger.Lines);
    }

    [Fact]
    public async Task A_phase_shorter_than_the_interval_and_a_listing_of_unknown_length_are_reported_only_when_long()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var logger = new ListLogger();
        var progress = new RunProgress(clock, logger, new ProgressDisplay(null));
        using var stop = new CancellationTokenSource();
        var reporting = progress.ReportAsync(stop.Token);

        using (var quick = progress.Start("Okta app users", "read"))
        {
            quick.Add(10);
            clock.Advance(TimeSpan.FromSeconds(4));
        }

        using var slack = progress.Start("Slack", "role assignments read");
        slack.Add(1_000);
        clock.Advance(TimeSpan.FromSeconds(4)); // t = 8: a line could go out, but no phase has run 5 s
        await Task.Yield();
        clock.Advance(TimeSpan.FromSeconds(2)); // t = 10: the Slack phase has run 6 s
        await WhenAsync(() => logger.Lines.Count >= 1);
        await stop.CancelAsync();
        await reporting;

        // The short phase is never named; the long one is, as of t = 10 s (or a tick later, if the pool was slow).
        Assert.DoesNotContain(logger.Lines, line => line.Contains("Okta app users", StringComparison.Ordinal));
        Assert.StartsWith("Progress: Slack: 1,000 role assignments read, ", logger.Lines[0]);
    }

    [Fact]
    public async Task On_a_terminal_one_line_is_redrawn_every_second_and_cleared_at_the_end()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var logger = new ListLogger();
        using var terminal = new StringWriter();
        var progress = new RunProgress(clock, logger, new ProgressDisplay(terminal));
        using var stop = new CancellationTokenSource();
        var reporting = progress.ReportAsync(stop.Token);
        using var phase = progress.Start("Matching by email", "Slack users", 40);

        phase.Add(10);
        clock.Advance(TimeSpan.FromSeconds(1));
        await WhenAsync(() => terminal.ToString().Contains("10 of 40", StringComparison.Ordinal));
        phase.Add(10);
        clock.Advance(TimeSpan.FromSeconds(1));
        await WhenAsync(() => terminal.ToString().Contains("20 of 40", StringComparison.Ordinal));
        await stop.CancelAsync();
        await reporting;

        Assert.Empty(logger.Lines);
        Assert.StartsWith("\rMatching by email: 10 of 40 Slack users (25%), 10.0/s, about 3s left", terminal.ToString());
        Assert.EndsWith("\r", terminal.ToString()); // cleared
    }

    private static async Task WhenAsync(Func<bool> condition)
    {
        // The timer's continuation runs on the thread pool after Advance; wait for it (bounded), never for wall-clock time to pass.
        for (var i = 0; i < 5_000 && !condition(); i++)
        {
            await Task.Yield();
            await Task.Delay(1);
        }

        Assert.True(condition());
    }

    private sealed class ListLogger : ILogger<RunProgress>
    {
        private readonly Lock _gate = new();
        private readonly List<string> _lines = [];

        public List<string> Lines
        {
            get
            {
                lock (_gate)
                {
                    return [.. _lines];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_gate)
            {
                _lines.Add(formatter(state, exception));
            }
        }
    }
}
