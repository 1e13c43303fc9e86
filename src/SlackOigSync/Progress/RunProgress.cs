using Microsoft.Extensions.Logging;

namespace SlackOigSync.Progress;

/// <summary>
/// Reports the phases of a run that take long. Without a terminal (cron, Kubernetes) it logs one line every
/// <see cref="LogInterval"/> naming each phase still going; on a terminal it redraws one status line on stderr every
/// second. A phase that ends before the first report is never mentioned, so a short run prints nothing extra.
/// </summary>
public sealed class RunProgress(TimeProvider clock, ILogger<RunProgress> logger, ProgressDisplay display)
{
    public static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan LiveInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly List<ProgressPhase> _active = [];

    /// <summary>Starts a phase; dispose it when the phase ends.</summary>
    public ProgressPhase Start(string name, string unit, long? total = null)
    {
        var phase = new ProgressPhase(name, unit, total, clock.GetUtcNow(), End);
        lock (_gate)
        {
            _active.Add(phase);
        }

        return phase;
    }

    /// <summary>Reports until <paramref name="stop"/> is cancelled (the run ended); the live line is cleared at the end.</summary>
    public async Task ReportAsync(CancellationToken stop)
    {
        var live = display.IsLive;
        using var timer = new PeriodicTimer(live ? LiveInterval : LogInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var now = clock.GetUtcNow();
                List<string> lines;
                lock (_gate)
                {
                    // Only phases that have run for a whole interval: a short one is never mentioned.
                    lines = [.. _active.Where(p => now - p.Started >= (live ? LiveInterval : LogInterval)).Select(p => ProgressLine.Describe(p, now))];
                }

                if (lines.Count == 0)
                {
                    continue;
                }

                if (live)
                {
                    display.Draw(string.Join(" | ", lines));
                }
                else
                {
                    logger.LogInformation("Progress: {Phases}", string.Join("; ", lines));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
        finally
        {
            if (live)
            {
                display.Clear();
            }
        }
    }

    private void End(ProgressPhase phase)
    {
        lock (_gate)
        {
            _active.Remove(phase);
        }
    }
}
