using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using SlackOigSync.Alerts;
using SlackOigSync.Configuration;
using SlackOigSync.Governance;
using SlackOigSync.Http;
using SlackOigSync.Okta;
using SlackOigSync.Okta.OAuth;
using SlackOigSync.Progress;
using SlackOigSync.Slack;
using SlackOigSync.Sync;

namespace SlackOigSync.Hosting;

/// <summary>
/// Registers what a sync needs: the three API clients with their handlers, and the sync's parts. Nothing here reads
/// a setting when registering: each is read from <see cref="AppSettings"/> when first resolved, after validation.
/// </summary>
public static class ServiceComposition
{
    /// <param name="progress">Where a run's progress goes (a live line on a terminal); logged every ten seconds when null.</param>
    public static IServiceCollection AddSlackOigSync(this IServiceCollection services, ProgressDisplay? progress = null)
    {
        services.AddSingleton(sp => RoleCatalogue.Load(sp.GetRequiredService<AppSettings>().Sync.RoleCataloguePath).Catalogue
            ?? throw new InvalidOperationException("Sync:RoleCataloguePath could not be loaded after validation."));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<RunMetrics>();
        services.AddSingleton(progress ?? new ProgressDisplay(null));
        services.AddSingleton<RunProgress>();
        services.AddSingleton<SlackGrantedScopes>();
        services.AddSingleton<RateLimitPacer>();

        // Each attempt has its own timeout (Http/RetryPolicy); HttpClient's is only a last resort above all retries.
        services.AddHttpClient<SlackClient>((sp, c) => Configure(c, SlackBase(sp), sp))
            .ConfigurePrimaryHttpMessageHandler(NoRedirects)
            .AddRetriesAndPacing() // Http/ApiHandlers: the retries, then per attempt: pacing, counting, the --verbose line
            .AddHttpMessageHandler(sp => new AuthHeaderHandler(() => new AuthenticationHeaderValue("Bearer", sp.GetRequiredService<AppSettings>().Slack.Token)));
        services.AddHttpClient<OktaClient>((sp, c) => Configure(c, OktaBase(sp), sp))
            .ConfigurePrimaryHttpMessageHandler(NoRedirects)
            .AddRetriesAndPacing()
            .AddHttpMessageHandler(OktaAuthentication);
        services.AddHttpClient<GovernanceClient>((sp, c) => Configure(c, OktaBase(sp), sp))
            .ConfigurePrimaryHttpMessageHandler(NoRedirects)
            .AddRetriesAndPacing()
            .AddHttpMessageHandler(OktaAuthentication);
        AddServiceAppAuthentication(services);

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
        services.AddSlackAlerts(NoRedirects);
        return services;
    }

    /// <summary>Okta's credential on each request: the service app's access token (Okta:AuthMode=PrivateKey), or the API or access token as configured.</summary>
    private static DelegatingHandler OktaAuthentication(IServiceProvider services)
    {
        var okta = services.GetRequiredService<AppSettings>().Okta;
        if (okta.AuthMode == OktaAuthMode.PrivateKey)
        {
            return services.GetRequiredService<OktaOAuthHandler>();
        }

        var header = string.IsNullOrWhiteSpace(okta.ApiToken)
            ? new AuthenticationHeaderValue("Bearer", okta.AccessToken)
            : new AuthenticationHeaderValue("SSWS", okta.ApiToken);
        return new AuthHeaderHandler(() => header);
    }

    /// <summary>What a 401 or 403 from Okta tells the operator to check, for the configured way of signing in.</summary>
    private static OktaCredentialHints CredentialHints(IServiceProvider services) =>
        services.GetRequiredService<AppSettings>().Okta is { AuthMode: OktaAuthMode.PrivateKey } okta
            ? OktaCredentialHints.ServiceApp(okta.ClientId!, ServiceAppScopes(okta))
            : OktaCredentialHints.ApiToken;

    /// <summary>PrivateKey mode: the app's key (checked by the validator), the run's DPoP key, the token source and its own client for the token endpoint.</summary>
    private static void AddServiceAppAuthentication(IServiceCollection services)
    {
        services.AddSingleton(CredentialHints);
        services.AddSingleton(sp =>
        {
            var okta = sp.GetRequiredService<AppSettings>().Okta;
            var key = SigningKey.Load(okta.PrivateKeyPath!, okta.KeyId) is { Key: { } loaded } ? loaded
                : throw new InvalidOperationException("Okta:PrivateKeyPath could not be loaded after validation.");
            return new OktaServiceApp(okta.ClientId!, key, ServiceAppScopes(okta), okta.DPoP, new Uri(OktaBase(sp), "oauth2/v1/token"));
        });
        services.AddSingleton<DPoPKey>();
        services.AddTransient<OktaOAuthHandler>();
        services.AddHttpClient(nameof(OktaTokenSource), (sp, c) => Configure(c, OktaBase(sp), sp))
            .ConfigurePrimaryHttpMessageHandler(NoRedirects)
            .AddRetriesAndPacing();

        // One per run: it holds the token until shortly before it expires.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<OktaTokenSource>(sp, sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(OktaTokenSource))));
    }

    private static string ServiceAppScopes(OktaSettings okta) => string.Join(' ', okta.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static Uri SlackBase(IServiceProvider services) =>
        services.GetRequiredService<AppSettings>().Slack.ApiBaseUrl is var url && url.EndsWith('/') ? new Uri(url) : new Uri(url + "/");

    private static Uri OktaBase(IServiceProvider services) => new(services.GetRequiredService<AppSettings>().Okta.OrgUrl!.TrimEnd('/') + "/");

    /// <summary>A redirect is answered to the caller as an error (naming its location), never followed: the credential stays on the configured origin.</summary>
    private static HttpMessageHandler NoRedirects() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

    private static void Configure(HttpClient client, Uri baseAddress, IServiceProvider services)
    {
        var limits = services.GetRequiredService<HttpResilienceSettings>();
        client.BaseAddress = baseAddress;
        client.MaxResponseContentBufferSize = limits.MaxResponseBytes; // bigger answers fail while being read, never held whole
        client.Timeout = TimeSpan.FromMinutes(15);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("slack-oig-sync/1.0");
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
    }
}
