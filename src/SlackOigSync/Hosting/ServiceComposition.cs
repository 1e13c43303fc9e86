using Serilog;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SlackOigSync.Configuration;
using SlackOigSync.Governance;
using SlackOigSync.Http;
using SlackOigSync.Okta;
using SlackOigSync.Slack;
using SlackOigSync.Storage;
using SlackOigSync.Sync;

namespace SlackOigSync.Hosting;

/// <summary>Registers everything a sync needs, from settings that have already passed validation.</summary>
public static class ServiceComposition
{
    public static IServiceCollection AddSlackOigSync(this IServiceCollection services, AppSettings settings, RoleCatalogue catalogue, Serilog.ILogger logger)
    {
        services.AddLogging(b => b.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddSerilog(logger, dispose: false));
        services.AddSingleton(settings);
        services.AddSingleton(settings.Http);
        services.AddSingleton(catalogue);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<RunMetrics>();
        services.AddSingleton<SlackGrantedScopes>();
        services.AddSingleton<RateLimitPacer>();
        services.AddSingleton(new SyncDatabase(settings.Sync.DatabasePath));
        services.AddSingleton<ExecutionLogRepository>();
        services.AddSingleton<AuditRepository>();
        services.AddSingleton<RoleMappingRepository>();
        services.AddSingleton<RunLease>();
        services.AddSingleton<IdentityLinkRepository>();
        services.AddSingleton<FindingRepository>();
        services.AddTransient<ResilienceHandler>();

        var slackBase = new Uri(settings.Slack.ApiBaseUrl.EndsWith('/') ? settings.Slack.ApiBaseUrl : settings.Slack.ApiBaseUrl + "/");
        var oktaBase = new Uri(settings.Okta.OrgUrl!.TrimEnd('/') + "/");
        var oktaAuth = string.IsNullOrWhiteSpace(settings.Okta.ApiToken)
            ? new AuthenticationHeaderValue("Bearer", settings.Okta.AccessToken)
            : new AuthenticationHeaderValue("SSWS", settings.Okta.ApiToken);

        // Each attempt has its own timeout (ResilienceHandler); HttpClient's is only a last resort above all retries.
        services.AddHttpClient<SlackClient>(c => Configure(c, slackBase))
            .AddHttpMessageHandler<ResilienceHandler>()
            .AddHttpMessageHandler(() => new AuthHeaderHandler(() => new AuthenticationHeaderValue("Bearer", settings.Slack.Token)));
        services.AddHttpClient<OktaClient>(c => Configure(c, oktaBase))
            .AddHttpMessageHandler<ResilienceHandler>()
            .AddHttpMessageHandler(() => new AuthHeaderHandler(() => oktaAuth));
        services.AddHttpClient<GovernanceClient>(c => Configure(c, oktaBase))
            .AddHttpMessageHandler<ResilienceHandler>()
            .AddHttpMessageHandler(() => new AuthHeaderHandler(() => oktaAuth));

        services.AddSingleton<UserResolver>();
        services.AddSingleton<RevocationConfirmer>();
        services.AddSingleton<PlanApplier>();
        services.AddSingleton<AuditReconciler>();
        services.AddSingleton<SyncRunner>();
        return services;
    }

    private static void Configure(HttpClient client, Uri baseAddress)
    {
        client.BaseAddress = baseAddress;
        client.Timeout = TimeSpan.FromMinutes(15);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("slack-oig-sync/1.0");
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
    }
}
