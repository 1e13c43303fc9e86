using Microsoft.Extensions.Logging;

namespace SlackOigSync.Progress;

/// <summary>
/// Reports the phases of a run that take long. It looks every second. Without a terminal (cron, Kubernetes) it logs
/// one line within every <see cref="LogInterval"/> (never closer than a second less than that) naming each phase that
/// has run at least <see cref="MinimumPhaseAge"/>, so the log is never silent for longer while a phase goes on; on a
/// terminal it redraws one status line on stderr every second. A phase shorter than that is never mentioned, so a
/// short run prints nothing extra.
/// </summary>
public sealed class RunProgress(TimeProvider clock, ILogger<RunProgress> logger, ProgressDisplay display)
{
    public static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan LiveInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MinimumPhaseAge = TimeSpan.FromSeconds(5);

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
        var lastLogged = clock.GetUtcNow();
        using var timer = new PeriodicTimer(LiveInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var now = clock.GetUtcNow();
                List<string> lines;
                lock (_gate)
                {
                    // Only phases that have run a while: a short one is never mentioned.
                    lines = [.. _active.Where(p => now - p.Started >= (live ? LiveInterval : MinimumPhaseAge)).Select(p => ProgressLine.Describe(p, now))];
                }

                // The clock is looked at every second, so a line due within LogInterval goes out a second early rather than late.
                if (lines.Count == 0 || (!live && now - lastLogged < LogInterval - LiveInterval))
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
                    lastLogged = now;
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
