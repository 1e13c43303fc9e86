using Microsoft.Extensions.DependencyInjection;
using SlackOigSync.Http;
using SlackOigSync.Storage;

namespace SlackOigSync.Alerts;

/// <summary>Registers the alerter and its HTTP client; the settings are read when first resolved, after validation.</summary>
public static class AlertServices
{
    /// <summary>An answer to an alert is a word or a small JSON object; anything bigger is not Slack.</summary>
    private const long MaxAnswerBytes = 1L << 20;

    /// <param name="primaryHandler">The app's handler that never follows redirects: the webhook URL is the secret.</param>
    public static IServiceCollection AddSlackAlerts(this IServiceCollection services, Func<HttpMessageHandler> primaryHandler)
    {
        services.AddSingleton<AlertRepository>();
        services.AddSingleton<RunAlerter>();

        // No logging handlers: IHttpClientFactory's would log the request URI, and a webhook's URI is its credential.
        services.AddHttpClient<SlackAlertSender>((sp, c) =>
            {
                c.Timeout = sp.GetRequiredService<HttpResilienceSettings>().AttemptTimeout;
                c.MaxResponseContentBufferSize = MaxAnswerBytes;
                c.DefaultRequestHeaders.UserAgent.ParseAdd("slack-oig-sync/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(primaryHandler)
            .RemoveAllLoggers();
        return services;
    }
}
