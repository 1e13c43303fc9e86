using System.Globalization;

namespace SlackOigSync.Reports;

/// <summary>Timestamps as the database stores them (ISO-8601) in, and as exports and the page show them (UTC, to the second) out.</summary>
public static class ReportText
{
    public static DateTimeOffset? ParseTime(string? stored) =>
        stored is not null && DateTimeOffset.TryParse(stored, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    public static string? Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Number(double value, string format = "0.#") => value.ToString(format, CultureInfo.InvariantCulture);
}
