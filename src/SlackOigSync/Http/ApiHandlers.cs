using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SlackOigSync.Http;

/// <summary>The handlers every API client sends through, outermost first.</summary>
public static class ApiHandlers
{
    /// <summary>
    /// Retries with a timeout per attempt (<see cref="RetryPolicy"/> in Microsoft.Extensions.Http.Resilience's
    /// handler), then, inside the retries and so once per attempt: pacing on Okta's rate-limit headers, the attempt's
    /// number and count, and its --verbose log line. Handlers added after this one (authentication) run per attempt too.
    /// </summary>
    public static IHttpClientBuilder AddRetriesAndPacing(this IHttpClientBuilder client)
    {
        client.Services.TryAddSingleton<RetryPolicy>();
        client.Services.TryAddSingleton<RateLimitPacer>();
        client.Services.TryAddTransient<RateLimitPacingHandler>();
        client.Services.TryAddTransient<AttemptCountingHandler>();
        client.Services.TryAddTransient<HttpCallLogHandler>();
        client.AddResilienceHandler("retries", (pipeline, context) => context.ServiceProvider.GetRequiredService<RetryPolicy>().Configure(pipeline));
        return client
            .AddHttpMessageHandler<RateLimitPacingHandler>()
            .AddHttpMessageHandler<AttemptCountingHandler>()
            .AddHttpMessageHandler<HttpCallLogHandler>();
    }
}
