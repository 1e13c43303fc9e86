using Serilog;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SlackOigSync.Alerts;
using SlackOigSync.Configuration;
using SlackOigSync.Governance;
using SlackOigSync.Http;
using SlackOigSync.Okta;
using SlackOigSync.Okta.OAuth;
using SlackOigSync.Progress;
using SlackOigSync.Slack;
using SlackOigSync.Storage;
using SlackOigSync.Sync;

namespace SlackOigSync.Hosting;

/// <summary>Registers everything a sync needs, from settings that have already passed validation.</summary>
public static class ServiceComposition
{
    /// <param name="progress">Where a run's progress goes (a live line on a terminal); logged every ten seconds when null.</param>
    public static IServiceCollection AddSlackOigSync(this IServiceCollection services, AppSettings settings, RoleCatalogue catalogue, Serilog.ILogger logger, ProgressDisplay? progress = null)
    {
        services.AddLogging(b => b.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddSerilog(logger, dispose: false));
        services.AddSingleton(settings);
        services.AddSingleton(settings.Http);
        services.AddSingleton(catalogue);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<RunMetrics>();
        services.AddSingleton(progress ?? new ProgressDisplay(null));
        services.AddSingleton<RunProgress>();
        services.AddSingleton<SlackGrantedScopes>();
        services.AddSingleton<RateLimitPacer>();
        services.AddSingleton(new SyncDatabase(settings.Sync.DatabasePath));
        services.AddSingleton<ExecutionLogRepository>();
        services.AddSingleton<AuditRepository>();
        services.AddSingleton<RoleMappingRepository>();
        services.AddSingleton<RunLease>();
        services.AddSingleton<IdentityLinkRepository>();
        services.AddSingleton<FindingRepository>();
        services.AddSingleton<ManagedGrantStateRepository>();
        services.AddSingleton<OigRevocationRepository>();

        var slackBase = new Uri(settings.Slack.ApiBaseUrl.EndsWith('/') ? settings.Slack.ApiBaseUrl : settings.Slack.ApiBaseUrl + "/");
        var oktaBase = new Uri(settings.Okta.OrgUrl!.TrimEnd('/') + "/");

        // Whatever a server sends back is scrubbed of these before it reaches the console, the logs or the database.
        SecretScrubber.Remember(settings.Slack.Token, settings.Okta.ApiToken, settings.Okta.AccessToken);

        // Each attempt has its own timeout (Http/RetryPolicy); HttpClient's is only a last resort above all retries.
        services.AddHttpClient<SlackClient>(c => Configure(c, slackBase, settings.Http))
            .ConfigurePrimaryHttpMessageHandler(NoRedirects)
            .AddRetriesAndPacing() // Http/ApiHandlers: the retries, then per attempt: pacing, counting, the --verbose line
            .AddHttpMessageHandler(() => new AuthHeaderHandler(() => new AuthenticationHeaderValue("Bearer", settings.Slack.Token)));
        var okta = services.AddHttpClient<OktaClient>(c => Configure(c, oktaBase, settings.Http))
            .ConfigurePrimaryHttpMessageHandler(NoRedirects)
            .AddRetriesAndPacing();
        var governance = services.AddHttpClient<GovernanceClient>(c => Configure(c, oktaBase, settings.Http))
            .ConfigurePrimaryHttpMessageHandler(NoRedirects)
            .AddRetriesAndPacing();

        if (settings.Okta.AuthMode == OktaAuthMode.PrivateKey)
        {
            AddServiceAppAuthentication(services, settings.Okta, oktaBase, settings.Http);
            okta.AddHttpMessageHandler<OktaOAuthHandler>();
            governance.AddHttpMessageHandler<OktaOAuthHandler>();
        }
        else
        {
            var oktaAuth = string.IsNullOrWhiteSpace(settings.Okta.ApiToken)
                ? new AuthenticationHeaderValue("Bearer", settings.Okta.AccessToken)
                : new AuthenticationHeaderValue("SSWS", settings.Okta.ApiToken);
            services.AddSingleton(OktaCredentialHints.ApiToken);
            okta.AddHttpMessageHandler(() => new AuthHeaderHandler(() => oktaAuth));
            governance.AddHttpMessageHandler(() => new AuthHeaderHandler(() => oktaAuth));
        }

        services.AddSingleton<UserResolver>();
        services.AddSingleton<RevocationConfirmer>();
        services.AddSingleton<SlackRemovalLocator>();
        services.AddSingleton<SourceReader>();
        services.AddSingleton<GrantMemory>();
        services.AddSingleton<LeaseKeeper>();
        services.AddSingleton<PlanApplier>();
        services.AddSingleton<AuditReconciler>();
        services.AddSingleton<PeopleStep>();
        services.AddSingleton<PlanConfirmation>();
        services.AddSingleton<RunVerifier>();
        services.AddSingleton<RunMemoryWriter>();
        services.AddSingleton<ExecutionCloser>();
        services.AddSingleton<RunLog>();
        services.AddSingleton<SyncRunner>();
        services.AddSlackAlerts(settings, NoRedirects);
        return services;
    }

    /// <summary>PrivateKey mode: the app's key (checked by the validator), the run's DPoP key, the token source and its own client for the token endpoint.</summary>
    private static void AddServiceAppAuthentication(IServiceCollection services, OktaSettings okta, Uri oktaBase, HttpResilienceSettings limits)
    {
        var key = SigningKey.Load(okta.PrivateKeyPath!, okta.KeyId) is { Key: { } loaded } ? loaded
            : throw new InvalidOperationException("Okta:PrivateKeyPath could not be loaded after validation.");
        var scopes = string.Join(' ', okta.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        services.AddSingleton(new OktaServiceApp(okta.ClientId!, key, scopes, okta.DPoP, new Uri(oktaBase, "oauth2/v1/token")));
        services.AddSingleton(OktaCredentialHints.ServiceApp(okta.ClientId!, scopes));
        services.AddSingleton<DPoPKey>();
        services.AddTransient<OktaOAuthHandler>();
        services.AddHttpClient(nameof(OktaTokenSource), c => Configure(c, oktaBase, limits))
            .ConfigurePrimaryHttpMessageHandler(NoRedirects)
            .AddRetriesAndPacing();

        // One per run: it holds the token until shortly before it expires.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<OktaTokenSource>(sp, sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(OktaTokenSource))));
    }

    /// <summary>A redirect is answered to the caller as an error (naming its location), never followed: the credential stays on the configured origin.</summary>
    private static HttpMessageHandler NoRedirects() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

    private static void Configure(HttpClient client, Uri baseAddress, HttpResilienceSettings limits)
    {
        client.BaseAddress = baseAddress;
        client.MaxResponseContentBufferSize = limits.MaxResponseBytes; // bigger answers fail while being read, never held whole
        client.Timeout = TimeSpan.FromMinutes(15);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("slack-oig-sync/1.0");
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
    }
}
