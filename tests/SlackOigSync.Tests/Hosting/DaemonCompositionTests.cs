using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SlackOigSync.Configuration;
using SlackOigSync.Hosting;
using SlackOigSync.Http;

namespace SlackOigSync.Tests.Hosting;

/// <summary>The daemon's registrations resolve on top of the sync's: its schedule, the run it repeats, the hosted service.</summary>
public sealed class DaemonCompositionTests
{
    [Fact]
    public async Task The_daemon_resolves_with_the_configured_schedule()
    {
        var settings = new AppSettings(
            new SlackSettings { Token = "xoxp-test-composition-0001" },
            new OktaSettings { OrgUrl = "http://127.0.0.1:9", ApiToken = "00test-composition-0001", SlackAppId = "0oa1b2c3d4e5f6g7h8i9" },
            new SyncSettings { DatabasePath = Path.Combine(Path.GetTempPath(), $"composition-{Guid.NewGuid():N}.db") },
            new ScheduleSettings { Cron = "15 3 * * 1-5", TimeZone = "Europe/Paris" },
            new HttpResilienceSettings());
        var services = new ServiceCollection()
            .AddSlackOigSync(settings, new RoleCatalogue(new Dictionary<string, string>()), Serilog.Core.Logger.None)
            .AddSyncDaemon(settings.Schedule);
        await using var provider = services.BuildServiceProvider();

        Assert.IsType<ScheduledSyncService>(Assert.Single(provider.GetServices<IHostedService>()));
        Assert.IsType<ScheduledRun>(provider.GetRequiredService<IScheduledRun>());
        var schedule = provider.GetRequiredService<CronSchedule>();
        Assert.Equal(("15 3 * * 1-5", "Europe/Paris"), (schedule.Text, schedule.Zone.Id));
    }
}
