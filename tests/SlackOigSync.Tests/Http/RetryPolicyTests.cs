using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Polly.Timeout;
using SlackOigSync.Http;

namespace SlackOigSync.Tests.Http;

/// <summary>
/// The retry policy through the real handler chain on a fake clock: what is retried for which method, the waits the
/// APIs ask for, the per-attempt timeout, the run's retry budget, and rate-limit waits counted apart from back-off.
/// </summary>
public sealed class RetryPolicyTests
{
    private static readonly HttpResilienceSettings Settings = new() { BaseDelay = TimeSpan.FromSeconds(2), AttemptTimeout = TimeSpan.FromMinutes(10) };

    [Fact]
    public async Task A_429_with_retry_after_is_retried_after_that_wait_and_counted_as_a_rate_limit_wait_not_backoff()
    {
        using var api = new ApiHandlersHarness(
            Settings,
            ScriptedApi.Status(HttpStatusCode.TooManyRequests, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7))),
            ScriptedApi.Status(HttpStatusCode.OK));

        using var response = await api.SendAsync(HttpMethod.Get, "/api/v1/users?limit=200");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, api.Api.Attempts.Count);
        Assert.True(api.Api.Attempts[1].At - api.Api.Attempts[0].At >= TimeSpan.FromSeconds(7), $"retried after {api.Api.Attempts[1].At - api.Api.Attempts[0].At}");
        Assert.Equal(1, api.Metrics.Retries);
        Assert.Equal(2, api.Metrics.Requests);
        Assert.InRange(api.Metrics.WaitMilliseconds, 7_000, 7_300);
        Assert.Equal(0, api.Metrics.BackoffMilliseconds);
    }

    [Fact]
    public async Task A_429_with_okta_s_reset_waits_for_the_window_to_reset()
    {
        var reset = ApiHandlersHarness.Start.AddSeconds(30).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var api = new ApiHandlersHarness(
            Settings,
            ScriptedApi.Status(HttpStatusCode.TooManyRequests, r => r.Headers.Add("X-Rate-Limit-Reset", reset)),
            ScriptedApi.Status(HttpStatusCode.OK));

        using var response = await api.SendAsync(HttpMethod.Get, "/api/v1/users");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(api.Api.Attempts[1].At - api.Api.Attempts[0].At >= TimeSpan.FromSeconds(30), $"retried after {api.Api.Attempts[1].At - api.Api.Attempts[0].At}");
        Assert.InRange(api.Metrics.WaitMilliseconds, 30_100, 30_500);
        Assert.Equal(0, api.Metrics.BackoffMilliseconds);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PATCH")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task A_429_is_retried_for_a_write_too(string method)
    {
        using var api = new ApiHandlersHarness(
            Settings,
            ScriptedApi.Status(HttpStatusCode.TooManyRequests, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(1))),
            ScriptedApi.Status(HttpStatusCode.OK));

        using var response = await api.SendAsync(new HttpMethod(method), "/governance/api/v1/grants");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, api.Api.Attempts.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_500_or_a_failed_connection_on_a_read_is_retried_and_counted_as_backoff_not_rate_limit_wait(bool serverError)
    {
        using var api = new ApiHandlersHarness(
            Settings,
            serverError ? ScriptedApi.Status(HttpStatusCode.InternalServerError) : ScriptedApi.Throws(new HttpRequestException("Name or service not known")),
            ScriptedApi.Status(HttpStatusCode.OK));

        using var response = await api.SendAsync(HttpMethod.Get, "/api/v1/users");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, api.Metrics.Retries);
        Assert.True(api.Metrics.BackoffMilliseconds > 0);
        Assert.True(api.Api.Attempts[1].At - api.Api.Attempts[0].At >= TimeSpan.FromMilliseconds(api.Metrics.BackoffMilliseconds), "the retry waited for its back-off");
        Assert.Equal(0, api.Metrics.WaitMilliseconds);
    }

    [Fact]
    public async Task A_500_on_a_write_is_answered_to_the_caller_not_retried()
    {
        using var api = new ApiHandlersHarness(Settings, ScriptedApi.Status(HttpStatusCode.InternalServerError), ScriptedApi.Status(HttpStatusCode.OK));

        using var response = await api.SendAsync(HttpMethod.Post, "/governance/api/v1/grants");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Single(api.Api.Attempts);
        Assert.Equal(0, api.Metrics.Retries);
    }

    [Fact]
    public async Task A_dropped_connection_on_a_write_surfaces_not_retried()
    {
        using var api = new ApiHandlersHarness(Settings, ScriptedApi.Throws(new HttpRequestException("Connection reset by peer")), ScriptedApi.Status(HttpStatusCode.OK));

        await Assert.ThrowsAsync<HttpRequestException>(() => api.SendAsync(HttpMethod.Post, "/governance/api/v1/grants"));

        Assert.Single(api.Api.Attempts);
        Assert.Equal(0, api.Metrics.Retries);
    }

    [Fact]
    public async Task A_read_that_outlives_its_attempt_timeout_is_cut_there_and_retried()
    {
        using var api = new ApiHandlersHarness(Settings with { AttemptTimeout = TimeSpan.FromSeconds(30) }, ScriptedApi.Hangs(), ScriptedApi.Status(HttpStatusCode.OK));

        using var response = await api.SendAsync(HttpMethod.Get, "/api/v1/users");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, api.Api.Attempts.Count);
        var gap = api.Api.Attempts[1].At - api.Api.Attempts[0].At;
        Assert.InRange(gap, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30) + TimeSpan.FromMilliseconds(api.Metrics.BackoffMilliseconds + 100));
        Assert.Equal(1, api.Metrics.Retries);
        Assert.Equal(0, api.Metrics.WaitMilliseconds);
    }

    [Fact]
    public async Task A_write_that_outlives_its_attempt_timeout_surfaces_as_a_timeout_not_retried()
    {
        using var api = new ApiHandlersHarness(Settings with { AttemptTimeout = TimeSpan.FromSeconds(30) }, ScriptedApi.Hangs(), ScriptedApi.Status(HttpStatusCode.OK));

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => api.SendAsync(HttpMethod.Post, "/governance/api/v1/grants"));

        Assert.Single(api.Api.Attempts);
        Assert.Equal(0, api.Metrics.Retries);
    }

    [Fact]
    public async Task A_read_that_keeps_failing_is_tried_once_plus_max_retries_with_growing_backoff()
    {
        using var api = new ApiHandlersHarness(Settings with { MaxRetries = 3, BaseDelay = TimeSpan.FromMilliseconds(500) }, ScriptedApi.Status(HttpStatusCode.ServiceUnavailable));

        using var response = await api.SendAsync(HttpMethod.Get, "/api/v1/users");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal([1, 2, 3, 4], api.Api.Attempts.Select(a => a.Attempt));
        Assert.Equal(3, api.Metrics.Retries);
        Assert.Equal(4, api.Metrics.Requests);
        Assert.True(api.Metrics.BackoffMilliseconds > 0);
    }

    [Fact]
    public async Task Past_the_run_s_retry_budget_failures_are_no_longer_retried_and_that_is_logged()
    {
        using var api = new ApiHandlersHarness(Settings with { RetryBudgetPerRun = 2, MaxRetries = 6 }, ScriptedApi.Status(HttpStatusCode.BadGateway));

        using var first = await api.SendAsync(HttpMethod.Get, "/api/v1/users");
        using var second = await api.SendAsync(HttpMethod.Get, "/api/v1/groups");

        Assert.Equal(HttpStatusCode.BadGateway, second.StatusCode);
        Assert.Equal(2, api.Metrics.Retries);
        Assert.Equal(4, api.Api.Attempts.Count); // 3 for the first (2 retries), 1 for the second
        Assert.Contains(api.Logs.Lines, l => l.Level == LogLevel.Error && l.Text.Contains("retry budget (Http:RetryBudgetPerRun = 2) is spent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_retry_is_one_warning_from_the_worker_and_polly_adds_no_lines_of_its_own()
    {
        using var api = new ApiHandlersHarness(Settings, ScriptedApi.Status(HttpStatusCode.InternalServerError), ScriptedApi.Status(HttpStatusCode.OK));

        using var response = await api.SendAsync(HttpMethod.Get, "/api/v1/users");

        var retry = Assert.Single(api.Logs.Lines, l => l.Level >= LogLevel.Warning);
        Assert.StartsWith("Retrying GET /api/v1/users in ", retry.Text, StringComparison.Ordinal);
        Assert.EndsWith("(attempt 2) after 500", retry.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(api.Logs.Lines, l => l.Category.StartsWith("Polly", StringComparison.Ordinal));
        Assert.Equal(2, api.Logs.Lines.Count(l => l.Category == typeof(HttpCallLogHandler).FullName));
    }
}
