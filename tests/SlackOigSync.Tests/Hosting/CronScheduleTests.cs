using SlackOigSync.Configuration;
using SlackOigSync.Hosting;

namespace SlackOigSync.Tests.Hosting;

/// <summary>The daemon's schedule: Schedule:Cron or the Schedule:DailyAt shorthand, in Schedule:TimeZone (Cronos does the arithmetic).</summary>
public sealed class CronScheduleTests
{
    private static CronSchedule Schedule(string? cron = null, string dailyAt = "02:00", string zone = "Europe/Paris") =>
        CronSchedule.From(new ScheduleSettings { Cron = cron, DailyAt = dailyAt, TimeZone = zone });

    [Theory]
    [InlineData("02:00", "0 2 * * *")]
    [InlineData("07:45", "45 7 * * *")]
    [InlineData("00:05", "5 0 * * *")]
    public void DailyAt_is_a_shorthand_for_a_daily_cron_expression(string dailyAt, string expected) =>
        Assert.Equal(expected, Schedule(dailyAt: dailyAt).Text);

    [Fact]
    public void Schedule_Cron_wins_over_DailyAt()
    {
        var schedule = Schedule(cron: " 0 */6 * * * ", dailyAt: "02:00");
        Assert.Equal("0 */6 * * *", schedule.Text);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 5, 0, 0, TimeSpan.Zero), schedule.Next(new DateTimeOffset(2026, 11, 22, 0, 30, 0, TimeSpan.Zero))); // 06:00 in Paris
    }

    [Fact]
    public void The_next_run_is_the_configured_local_time_in_the_configured_zone()
    {
        var schedule = Schedule(dailyAt: "02:00");
        var now = new DateTimeOffset(2026, 11, 22, 0, 30, 0, TimeSpan.Zero); // 01:30 in Paris
        var next = schedule.Next(now);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 1, 0, 0, TimeSpan.Zero), next);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero), schedule.Next(next!.Value)); // strictly after
    }

    [Fact]
    public void A_time_skipped_by_the_spring_forward_runs_when_the_gap_ends()
    {
        // 02:30 does not exist in Paris on 29 March 2026: the clocks go from 02:00 to 03:00 (01:00 UTC).
        var next = Schedule(dailyAt: "02:30").Next(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void A_time_repeated_by_the_fall_back_runs_once()
    {
        // 02:30 happens twice in Paris on 25 October 2026 (00:30 and 01:30 UTC): a daily run takes the first.
        var schedule = Schedule(dailyAt: "02:30");
        var first = schedule.Next(new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), first);
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 1, 30, 0, TimeSpan.Zero), schedule.Next(first!.Value));
    }

    [Fact]
    public void Six_fields_put_seconds_first_and_macros_are_understood()
    {
        var now = new DateTimeOffset(2026, 11, 22, 0, 30, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 1, 0, 30, TimeSpan.Zero), Schedule(cron: "30 0 2 * * *").Next(now));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 23, 0, 0, TimeSpan.Zero), Schedule(cron: "@daily").Next(now)); // midnight in Paris
    }

    [Fact]
    public void An_expression_that_never_occurs_has_no_next_run() =>
        Assert.Null(Schedule(cron: "0 2 30 2 *").Next(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
}
