namespace SlackOigSync.Hosting;

/// <summary>What the daemon does at each occurrence of its schedule; a run that fails is reported by the run itself, never thrown for the schedule to handle.</summary>
public interface IScheduledRun
{
    Task RunOnceAsync(CancellationToken stoppingToken);
}
