using System.Globalization;

namespace SlackOigSync.Progress;

/// <summary>The words of a progress report: each phase's done (of total), its rate and, when the total is known, the time left.</summary>
public static class ProgressLine
{
    public static string Describe(ProgressPhase phase, DateTimeOffset now)
    {
        var seconds = Math.Max((now - phase.Started).TotalSeconds, 0.001);
        var done = phase.Done;
        var rate = done / seconds;
        var text = phase.Total is { } total
            ? Invariant($"{phase.Name}: {done:N0} of {total:N0} {phase.Unit} ({(total == 0 ? 100 : 100.0 * done / total):F0}%), {rate:N1}/s")
            : Invariant($"{phase.Name}: {done:N0} {phase.Unit}, {rate:N1}/s");
        if (phase.Total is { } all && all > done)
        {
            text += rate > 0 ? $", about {Duration(TimeSpan.FromSeconds((all - done) / rate))} left" : ", time left unknown";
        }

        return text;
    }

    /// <summary>"45s", "3m 05s", "1h 02m".</summary>
    public static string Duration(TimeSpan span) =>
        span.TotalHours >= 1 ? Invariant($"{(int)span.TotalHours}h {span.Minutes:00}m")
        : span.TotalMinutes >= 1 ? Invariant($"{(int)span.TotalMinutes}m {span.Seconds:00}s")
        : Invariant($"{Math.Ceiling(span.TotalSeconds):0}s");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
