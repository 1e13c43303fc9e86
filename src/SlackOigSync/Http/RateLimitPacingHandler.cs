using Microsoft.Extensions.Logging;

namespace SlackOigSync.Http;

/// <summary>
/// Paces each attempt on Okta's rate-limit headers: before sending, waits for the endpoint's window to reset when
/// <see cref="RateLimitPacer"/> says its budget is down to the reserve (counted as a rate-limit wait); after, hands
/// the answer's X-Rate-Limit-* headers to the pacer. Slack sends no such headers, so its calls are never paced.
/// </summary>
public sealed class RateLimitPacingHandler(RateLimitPacer pacer, RunMetrics metrics, TimeProvider clock, ILogger<RateLimitPacingHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var wait = pacer.DelayBefore(request);
        if (wait > TimeSpan.Zero)
        {
            metrics.CountWait(wait);
            logger.LogInformation("Pacing {Method} {Path}: the rate-limit window is nearly spent; waiting {DelayMs} ms for it to reset", request.Method, request.RequestUri?.AbsolutePath, (long)wait.TotalMilliseconds);
            await Task.Delay(wait, clock, cancellationToken);
        }

        var response = await base.SendAsync(request, cancellationToken);
        pacer.Observe(request, response);
        return response;
    }
}
