using System.Globalization;
using Cronos;
using SlackOigSync.Configuration;

namespace SlackOigSync.Hosting;

/// <summary>
/// The daemon's schedule: a cron expression read in an IANA time zone (Cronos does the arithmetic, daylight saving
/// included). Schedule:Cron wins over Schedule:DailyAt, which is a shorthand for "mm HH * * *".
/// </summary>
public sealed class CronSchedule
{
    private readonly CronExpression _expression;

    private CronSchedule(string text, CronExpression expression, TimeZoneInfo zone)
    {
        Text = text;
        _expression = expression;
        Zone = zone;
    }

    /// <summary>The cron expression in force, as configured (or as DailyAt was rewritten).</summary>
    public string Text { get; }

    public TimeZoneInfo Zone { get; }

    /// <summary>The schedule of settings that have passed <see cref="SettingsValidator.ValidateSchedule"/>.</summary>
    public static CronSchedule From(ScheduleSettings settings)
    {
        var text = ExpressionOf(settings);
        return new CronSchedule(text, Parse(text), TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone));
    }

    /// <summary>Schedule:Cron when set; otherwise Schedule:DailyAt ("HH:mm") as "mm HH * * *".</summary>
    public static string ExpressionOf(ScheduleSettings settings)
    {
        if (!string.IsNullOrWhiteSpace(settings.Cron))
        {
            return settings.Cron.Trim();
        }

        var at = TimeOnly.ParseExact(settings.DailyAt, "HH:mm", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{at.Minute} {at.Hour} * * *");
    }

    /// <summary>Five fields (minute first) or six (seconds first); macros such as @daily too. Throws <see cref="CronFormatException"/>.</summary>
    public static CronExpression Parse(string text) =>
        CronExpression.Parse(text, text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);

    /// <summary>
    /// The first occurrence strictly after <paramref name="now"/>, or null when the expression never occurs again
    /// (such as 30 February). A local time skipped by a spring-forward runs when the gap ends; a local time repeated by
    /// a fall-back runs once, unless the expression has an interval in its minutes or hours.
    /// </summary>
    public DateTimeOffset? Next(DateTimeOffset now) => _expression.GetNextOccurrence(now, Zone);
}
