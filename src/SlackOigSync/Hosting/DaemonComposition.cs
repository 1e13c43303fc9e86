using Microsoft.Extensions.DependencyInjection;
using SlackOigSync.Configuration;

namespace SlackOigSync.Hosting;

/// <summary>Registers the daemon on top of <see cref="ServiceComposition.AddSlackOigSync"/>, from a schedule that has passed validation.</summary>
public static class DaemonComposition
{
    public static IServiceCollection AddSyncDaemon(this IServiceCollection services, ScheduleSettings schedule)
    {
        services.AddSingleton(CronSchedule.From(schedule));
        services.AddSingleton<IScheduledRun, ScheduledRun>();
        services.AddHostedService<ScheduledSyncService>();
        return services;
    }
}
