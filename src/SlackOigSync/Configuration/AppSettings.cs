using SlackOigSync.Alerts;
using SlackOigSync.Http;

namespace SlackOigSync.Configuration;

/// <summary>All configuration sections, bound once at start-up and validated before any API call.</summary>
public sealed record AppSettings(SlackSettings Slack, OktaSettings Okta, SyncSettings Sync, ScheduleSettings Schedule, HttpResilienceSettings Http)
{
    /// <summary>The certification campaign 'campaign create' makes.</summary>
    public CampaignSettings Campaign { get; init; } = new();

    /// <summary>Section "Alerts": Slack alerts after a run (off unless a webhook or a bot token is set).</summary>
    public AlertSettings Alerts { get; init; } = new();
}
