using System.Globalization;
using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Telemetry;
using Polly.Timeout;

namespace SlackOigSync.Http;

/// <summary>
/// What is safe to retry, for every client, as a Polly pipeline run by Microsoft.Extensions.Http.Resilience's
/// handler. A 429 was refused before it did anything, so any method is retried after the wait the API asks for
/// (Slack's Retry-After, Okta's X-Rate-Limit-Reset). 5xx answers, timeouts and dropped connections are retried only
/// for reads: a write that may have landed is left to the caller, who re-reads state rather than risk a duplicate
/// grant. Each attempt has its own timeout, and one run spends at most Http:RetryBudgetPerRun retries in all.
/// </summary>
public sealed class RetryPolicy(RunMetrics metrics, HttpResilienceSettings settings, TimeProvider clock, IOptions<TelemetryOptions> telemetry, ILogger<RetryPolicy> logger)
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    /// <summary>Adds the retry and, inside it, the per-attempt timeout to the pipeline of one client's resilience handler.</summary>
    public void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline)
    {
        pipeline.TimeProvider = clock;

        // Polly's metrics stay; its log lines would repeat, less precisely, the one line per retry written below.
        pipeline.ConfigureTelemetry(new TelemetryOptions(telemetry.Value) { LoggerFactory = NullLoggerFactory.Instance });
        pipeline
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.BaseDelay,
                MaxDelay = MaxWait,
                ShouldRetryAfterHeader = false, // the DelayGenerator below reads Retry-After and X-Rate-Limit-Reset itself
                ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Outcome, args.Context.GetRequestMessage()) && WithinBudget()),
                DelayGenerator = args => ValueTask.FromResult(ServerRequestedDelay(args.Outcome.Result)),
                OnRetry = args =>
                {
                    Count(args.Outcome, args.RetryDelay);
                    var request = args.Context.GetRequestMessage();
                    logger.LogWarning(
                        "Retrying {Method} {Path} in {DelayMs} ms (attempt {Attempt}) after {Outcome}",
                        request?.Method, request?.RequestUri?.AbsolutePath, (long)args.RetryDelay.TotalMilliseconds, args.AttemptNumber + 2,
                        args.Outcome.Exception?.GetType().Name ?? ((int)args.Outcome.Result!.StatusCode).ToString(CultureInfo.InvariantCulture));
                    return default;
                },
            })
            .AddTimeout(settings.AttemptTimeout);
    }

    /// <summary>A 429 for any method; a 5xx, a timeout or a dropped connection only for a read.</summary>
    private static bool IsRetryable(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request)
    {
        var isRead = request?.Method == HttpMethod.Get || request?.Method == HttpMethod.Head;
        if (outcome.Result is { } response)
        {
            return response.StatusCode == HttpStatusCode.TooManyRequests
                || (isRead && (int)response.StatusCode >= 500);
        }

        return isRead && outcome.Exception is HttpRequestException or TimeoutRejectedException or IOException;
    }

    private bool WithinBudget()
    {
        if (metrics.Retries < settings.RetryBudgetPerRun)
        {
            return true;
        }

        logger.LogError("The run's retry budget (Http:RetryBudgetPerRun = {Budget}) is spent; failures are no longer retried", settings.RetryBudgetPerRun);
        return false;
    }

    /// <summary>A wait after a 429 is a rate-limit wait; any other is back-off after an error.</summary>
    private void Count(Outcome<HttpResponseMessage> outcome, TimeSpan delay)
    {
        if (outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests)
        {
            metrics.CountRateLimitRetry(delay);
        }
        else
        {
            metrics.CountErrorRetry(delay);
        }
    }

    /// <summary>The wait the API asked for; null lets the exponential backoff decide.</summary>
    private TimeSpan? ServerRequestedDelay(HttpResponseMessage? response)
    {
        if (response?.StatusCode != HttpStatusCode.TooManyRequests)
        {
            return null;
        }

        if (response.Headers.RetryAfter?.Delta is { } delta)
        {
            return Min(delta + TimeSpan.FromMilliseconds(Random.Shared.Next(50, 250)));
        }

        if (response.Headers.TryGetValues("X-Rate-Limit-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var resetEpoch)
            && resetEpoch <= RateLimitPacer.MaxEpochSeconds)
        {
            var wait = DateTimeOffset.FromUnixTimeSeconds(resetEpoch) - clock.GetUtcNow();
            return Min(TimeSpan.FromMilliseconds(Math.Max(0, wait.TotalMilliseconds) + Random.Shared.Next(100, 500)));
        }

        return null;
    }

    private static TimeSpan Min(TimeSpan wait) => wait < MaxWait ? wait : MaxWait;
}
