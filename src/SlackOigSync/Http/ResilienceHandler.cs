using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace SlackOigSync.Http;

/// <summary>
/// Retries what is safe to retry, for every client. A 429 was refused before it did anything, so any method is
/// retried after the wait the API asks for (Slack's Retry-After, Okta's X-Rate-Limit-Reset). 5xx answers, timeouts
/// and dropped connections are retried only for reads: a write that may have landed is left to the caller, who
/// re-reads state rather than risk a duplicate grant.
/// </summary>
public sealed class ResilienceHandler : DelegatingHandler
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly RunMetrics _metrics;
    private readonly RateLimitPacer _pacer;
    private readonly TimeProvider _clock;
    private readonly ILogger<ResilienceHandler> _logger;

    public ResilienceHandler(RunMetrics metrics, RateLimitPacer pacer, ILogger<ResilienceHandler> logger, TimeProvider clock, HttpResilienceSettings settings)
    {
        _metrics = metrics;
        _pacer = pacer;
        _clock = clock;
        _logger = logger;
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.BaseDelay,
                MaxDelay = MaxWait,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context) && WithinBudget(settings.RetryBudgetPerRun)),
                DelayGenerator = args => ValueTask.FromResult(ServerRequestedDelay(args.Outcome.Result, clock)),
                OnRetry = args =>
                {
                    if (args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        _metrics.CountRateLimitRetry(args.RetryDelay);
                    }
                    else
                    {
                        _metrics.CountErrorRetry(args.RetryDelay);
                    }

                    var request = args.Context.Properties.GetValue(RequestKey, null!);
                    logger.LogWarning(
                        "Retrying {Method} {Path} in {DelayMs} ms (attempt {Attempt}) after {Outcome}",
                        request?.Method, request?.RequestUri?.AbsolutePath, (long)args.RetryDelay.TotalMilliseconds, args.AttemptNumber + 2,
                        args.Outcome.Exception?.GetType().Name ?? ((int)args.Outcome.Result!.StatusCode).ToString(CultureInfo.InvariantCulture));
                    return default;
                },
            })
            .AddTimeout(settings.AttemptTimeout)
            .Build();
    }

    private static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("request");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, request);
        var attempts = new StrongBox<int>(0);
        try
        {
            return await _pipeline.ExecuteAsync(
                async (ctx, state) =>
                {
                    await state.Handler.PaceAsync(state.Request, ctx.CancellationToken);
                    state._metrics.CountRequest();
                    state.Request.Options.Set(HttpCallLogHandler.Attempt, Interlocked.Increment(ref state.attempts.Value));
                    var response = await state.Handler.SendCore(state.Request, ctx.CancellationToken);
                    state.Handler._pacer.Observe(state.Request, response);
                    return response;
                },
                context,
                (Handler: this, Request: request, _metrics, attempts));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task PaceAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var wait = _pacer.DelayBefore(request);
        if (wait > TimeSpan.Zero)
        {
            _metrics.CountWait(wait);
            _logger.LogInformation("Pacing {Method} {Path}: the rate-limit window is nearly spent; waiting {DelayMs} ms for it to reset", request.Method, request.RequestUri?.AbsolutePath, (long)wait.TotalMilliseconds);
            await Task.Delay(wait, _clock, cancellationToken);
        }
    }

    private bool WithinBudget(int budget)
    {
        if (_metrics.Retries < budget)
        {
            return true;
        }

        _logger.LogError("The run's retry budget (Http:RetryBudgetPerRun = {Budget}) is spent; failures are no longer retried", budget);
        return false;
    }

    private Task<HttpResponseMessage> SendCore(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        var isRead = context.Properties.GetValue(RequestKey, null!)?.Method == HttpMethod.Get;
        if (outcome.Result is { } response)
        {
            return response.StatusCode == HttpStatusCode.TooManyRequests
                || (isRead && (int)response.StatusCode >= 500);
        }

        return isRead && outcome.Exception is HttpRequestException or TimeoutRejectedException or IOException;
    }

    /// <summary>The wait the API asked for; null lets the exponential backoff decide.</summary>
    private static TimeSpan? ServerRequestedDelay(HttpResponseMessage? response, TimeProvider clock)
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
