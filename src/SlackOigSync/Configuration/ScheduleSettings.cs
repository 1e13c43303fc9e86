namespace SlackOigSync.Configuration;

/// <summary>Configuration section "Schedule", used by the daemon command.</summary>
public sealed class ScheduleSettings
{
    /// <summary>Local time of day (HH:mm) in <see cref="TimeZone"/>.</summary>
    public string DailyAt { get; set; } = "02:00";

    /// <summary>An IANA time zone id such as Europe/Paris.</summary>
    public string TimeZone { get; set; } = "UTC";
}
