using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SlackOigSync.Configuration;
using SlackOigSync.Hosting;

namespace SlackOigSync.Tests.Hosting;

/// <summary>The daemon's registrations resolve in the worker's host: its schedule from the settings, the run it repeats, the hosted service.</summary>
public sealed class DaemonCompositionTests
{
    [Fact]
    public void The_daemon_resolves_with_the_configured_schedule()
    {
        var overrides = new Dictionary<string, string?>
        {
            ["Slack:Token"] = "xoxp-test-composition-0001",
            ["Okta:OrgUrl"] = "http://127.0.0.1:9",
            ["Okta:ApiToken"] = "00test-composition-0001",
            ["Okta:SlackAppId"] = "0oa1b2c3d4e5f6g7h8i9",
            ["Sync:DatabasePath"] = Path.Combine(Path.GetTempPath(), $"composition-{Guid.NewGuid():N}.db"),
            ["Schedule:Cron"] = "15 3 * * 1-5",
            ["Schedule:TimeZone"] = "Europe/Paris",
        };
        var request = new HostRequest(CommandNeeds.ApisAndDatabase with { Schedule = true }, Path.Combine(AppContext.BaseDirectory, "config", "appsettings.json"), [], overrides, JsonLogs: false, new CommandConsole(TextWriter.Null, TextWriter.Null, Verbose: false));
        var (builder, problem) = CommandHost.CreateBuilder(request);
        Assert.True(builder is not null, problem);
        builder.Services.AddSyncDaemon();
        using var host = builder.Build();

        Assert.Contains(host.Services.GetServices<IHostedService>(), s => s is ScheduledSyncService);
        Assert.IsType<ScheduledRun>(host.Services.GetRequiredService<IScheduledRun>());
        var schedule = host.Services.GetRequiredService<CronSchedule>();
        Assert.Equal(("15 3 * * 1-5", "Europe/Paris"), (schedule.Text, schedule.Zone.Id));
    }
}
