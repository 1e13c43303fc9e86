namespace SlackOigSync.Configuration;

/// <summary>Configuration section "Schedule", used by the daemon command.</summary>
public sealed class ScheduleSettings
{
    /// <summary>A cron expression (five fields, or six with seconds first) read in <see cref="TimeZone"/>; when set, it wins over <see cref="DailyAt"/>.</summary>
    public string? Cron { get; set; }

    /// <summary>Local time of day (HH:mm) in <see cref="TimeZone"/>: a shorthand for the cron expression "mm HH * * *".</summary>
    public string DailyAt { get; set; } = "02:00";

    /// <summary>An IANA time zone id such as Europe/Paris.</summary>
    public string TimeZone { get; set; } = "UTC";
}
