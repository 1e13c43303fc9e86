namespace SlackOigSync.Alerts;

/// <summary>What became of one alert.</summary>
public enum AlertOutcome
{
    /// <summary>Slack accepted the message.</summary>
    Sent,

    /// <summary>Slack refused it, or it could not be delivered; the cause is recorded beside it.</summary>
    Failed,
}
