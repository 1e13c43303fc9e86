using SlackOigSync.Hosting;

namespace SlackOigSync.Tests.Sync;

public sealed class DailyScheduleTests
{
    [Fact]
    public void The_next_run_is_the_configured_local_time_in_the_configured_zone()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var now = new DateTimeOffset(2026, 11, 22, 0, 30, 0, TimeSpan.Zero); // 01:30 in Paris
        var next = DailySyncService.NextOccurrence(now, new TimeOnly(2, 0), paris);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 1, 0, 0, TimeSpan.Zero), next);

        var later = DailySyncService.NextOccurrence(next, new TimeOnly(2, 0), paris);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero), later);
    }

    [Fact]
    public void A_time_skipped_by_daylight_saving_runs_just_after_the_gap()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var now = new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero);
        var next = DailySyncService.NextOccurrence(now, new TimeOnly(2, 30), paris); // 02:30 does not exist on 29 March
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), next);
    }
}
