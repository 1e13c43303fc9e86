using System.Globalization;

namespace SlackOigSync.Reports;

/// <summary>Times and numbers as exports and the page show them: times in UTC, to the second.</summary>
public static class ReportText
{
    public static string? Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Number(double value, string format = "0.#") => value.ToString(format, CultureInfo.InvariantCulture);
}
