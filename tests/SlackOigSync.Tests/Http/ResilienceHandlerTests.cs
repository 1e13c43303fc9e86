using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging.Abstractions;
using SlackOigSync.Http;

namespace SlackOigSync.Tests.Http;

/// <summary>Waiting on rate limits and backing off after errors are counted apart.</summary>
public sealed class ResilienceHandlerTests
{
    private static readonly HttpResilienceSettings Settings = new() { BaseDelay = TimeSpan.FromSeconds(2), AttemptTimeout = TimeSpan.FromMinutes(10) };

    [Fact]
    public async Task A_429_with_retry_after_counts_as_a_rate_limit_wait_not_backoff()
    {
        var (metrics, client) = Client(
            StubHandler.Status(HttpStatusCode.TooManyRequests, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7))),
            StubHandler.Status(HttpStatusCode.OK));

        using var response = await client.GetAsync(new Uri("https://example.test/api/v1/users?limit=200"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, metrics.Retries);
        Assert.InRange(metrics.WaitMilliseconds, 7_000, 7_300);
        Assert.Equal(0, metrics.BackoffMilliseconds);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_500_or_a_failed_connection_counts_as_backoff_not_rate_limit_wait(bool serverError)
    {
        var (metrics, client) = Client(
            serverError ? StubHandler.Status(HttpStatusCode.InternalServerError) : StubHandler.Throws(new HttpRequestException("Name or service not known")),
            StubHandler.Status(HttpStatusCode.OK));

        using var response = await client.GetAsync(new Uri("https://example.test/api/v1/users"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, metrics.Retries);
        Assert.True(metrics.BackoffMilliseconds > 0);
        Assert.Equal(0, metrics.WaitMilliseconds);
    }

    [Fact]
    public async Task Pacing_before_a_spent_window_counts_as_a_rate_limit_wait()
    {
        var clock = new InstantDelays(TimeSpan.FromMinutes(5));
        var reset = clock.GetUtcNow().AddSeconds(30).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (metrics, client) = Client(
            clock,
            StubHandler.Status(HttpStatusCode.OK, r =>
            {
                r.Headers.Add("X-Rate-Limit-Limit", "100");
                r.Headers.Add("X-Rate-Limit-Remaining", "1");
                r.Headers.Add("X-Rate-Limit-Reset", reset);
            }));

        (await client.GetAsync(new Uri("https://example.test/api/v1/users"))).Dispose();
        (await client.GetAsync(new Uri("https://example.test/api/v1/users"))).Dispose();

        Assert.True(metrics.Retries == 0, $"{metrics.Retries} retries, {metrics.WaitMilliseconds} ms wait, {metrics.BackoffMilliseconds} ms backoff, {metrics.Requests} requests");
        Assert.True(metrics.WaitMilliseconds > 20_000, $"{metrics.WaitMilliseconds} ms");
        Assert.Equal(0, metrics.BackoffMilliseconds);
    }

    private static (RunMetrics Metrics, HttpClient Client) Client(params Func<HttpResponseMessage>[] answers) =>
        Client(new InstantDelays(TimeSpan.FromMinutes(5)), answers);

    private static (RunMetrics Metrics, HttpClient Client) Client(TimeProvider clock, params Func<HttpResponseMessage>[] answers)
    {
        var metrics = new RunMetrics();
        var handler = new ResilienceHandler(metrics, new RateLimitPacer(clock, Settings), NullLogger<ResilienceHandler>.Instance, clock, Settings)
        {
            InnerHandler = new StubHandler(answers),
        };
        return (metrics, new HttpClient(handler));
    }
}
