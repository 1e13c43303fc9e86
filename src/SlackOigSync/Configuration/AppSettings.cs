using Microsoft.Extensions.Configuration;
using SlackOigSync.Http;

namespace SlackOigSync.Configuration;

/// <summary>All configuration sections, bound once at start-up and validated before any API call.</summary>
public sealed record AppSettings(SlackSettings Slack, OktaSettings Okta, SyncSettings Sync, ScheduleSettings Schedule, HttpResilienceSettings Http)
{
    public static AppSettings Bind(IConfiguration configuration) => new(
        configuration.GetSection("Slack").Get<SlackSettings>() ?? new(),
        configuration.GetSection("Okta").Get<OktaSettings>() ?? new(),
        configuration.GetSection("Sync").Get<SyncSettings>() ?? new(),
        configuration.GetSection("Schedule").Get<ScheduleSettings>() ?? new(),
        configuration.GetSection("Http").Get<HttpResilienceSettings>() ?? new());
}
