using Microsoft.Extensions.DependencyInjection;
using SlackOigSync.Configuration;

namespace SlackOigSync.Hosting;

/// <summary>Registers the daemon on top of <see cref="ServiceComposition.AddSlackOigSync"/>; its schedule is read from the validated settings.</summary>
public static class DaemonComposition
{
    public static IServiceCollection AddSyncDaemon(this IServiceCollection services)
    {
        services.AddSingleton(sp => CronSchedule.From(sp.GetRequiredService<AppSettings>().Schedule));
        services.AddSingleton<IScheduledRun, ScheduledRun>();
        services.AddHostedService<ScheduledSyncService>();
        return services;
    }
}
