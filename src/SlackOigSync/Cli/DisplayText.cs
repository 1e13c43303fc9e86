using System.Globalization;

namespace SlackOigSync.Cli;

/// <summary>Small renderings shared by the commands' tables: times to the second, durations, counts, truncation.</summary>
public static class DisplayText
{
    /// <summary>A time to the second in UTC ("2026-12-06 02:47:35"); "-" for none.</summary>
    public static string Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-";

    /// <summary>
    /// The same for a time a row carries as ISO-8601 text (<see cref="IsoSeconds(DateTimeOffset)"/>); as given when it
    /// does not parse.
    /// </summary>
    public static string Time(string? iso) =>
        iso is null ? "-"
        : DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? Time(t)
            : iso;

    /// <summary>The same time for JSON and CSV: ISO-8601 UTC to the second ("2026-12-06T02:47:35Z").</summary>
    public static string IsoSeconds(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary><see cref="IsoSeconds(DateTimeOffset)"/>, or null for none.</summary>
    public static string? IsoSeconds(DateTimeOffset? time) => time is { } t ? IsoSeconds(t) : null;

    public static string Duration(double? seconds) => seconds switch
    {
        null => "-",
        < 60 => seconds.Value.ToString("F1", CultureInfo.InvariantCulture) + "s",
        < 3600 => $"{(int)(seconds.Value / 60)}m{(int)(seconds.Value % 60):00}s",
        _ => $"{(int)(seconds.Value / 3600)}h{(int)(seconds.Value % 3600 / 60):00}m",
    };

    public static string Count(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>"1 bot", "2 bots".</summary>
    public static string Plural(long n, string one, string many) => $"{Count(n)} {(n == 1 ? one : many)}";

    /// <summary>The text cut to <paramref name="width"/> characters on one line, ending in "…" when cut.</summary>
    public static string Truncate(string? text, int width)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "-";
        }

        var line = text.ReplaceLineEndings(" ");
        return line.Length <= width ? line : string.Concat(line.AsSpan(0, Math.Max(0, width - 1)), "…");
    }
}
