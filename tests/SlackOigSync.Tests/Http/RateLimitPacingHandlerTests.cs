using System.Globalization;
using System.Net;
using SlackOigSync.Http;

namespace SlackOigSync.Tests.Http;

/// <summary>Pacing on Okta's X-Rate-Limit-* headers, on a fake clock: the wait happens before the window is spent, and is counted as a rate-limit wait.</summary>
public sealed class RateLimitPacingHandlerTests
{
    private static readonly HttpResilienceSettings Settings = new() { BaseDelay = TimeSpan.FromSeconds(2), AttemptTimeout = TimeSpan.FromMinutes(10) };
    private static readonly DateTimeOffset Reset = ApiHandlersHarness.Start.AddSeconds(30);

    [Fact]
    public async Task A_nearly_spent_window_holds_the_next_request_until_it_resets_counted_as_a_rate_limit_wait()
    {
        using var api = new ApiHandlersHarness(Settings, Window(limit: 100, remaining: 1));

        (await api.SendAsync(HttpMethod.Get, "/api/v1/users")).Dispose();
        (await api.SendAsync(HttpMethod.Get, "/api/v1/users")).Dispose();

        Assert.Equal(2, api.Api.Attempts.Count);
        Assert.True(api.Api.Attempts[1].At >= Reset, $"the second request went out at {api.Api.Attempts[1].At:O}, before the window reset at {Reset:O}");
        Assert.Equal(0, api.Metrics.Retries);
        Assert.InRange(api.Metrics.WaitMilliseconds, 30_000, 30_100);
        Assert.Equal(0, api.Metrics.BackoffMilliseconds);
    }

    [Fact]
    public async Task A_window_with_budget_left_or_another_endpoint_is_not_held()
    {
        using var api = new ApiHandlersHarness(Settings, Window(limit: 100, remaining: 50));

        (await api.SendAsync(HttpMethod.Get, "/api/v1/users")).Dispose();
        (await api.SendAsync(HttpMethod.Get, "/api/v1/users")).Dispose();
        (await api.SendAsync(HttpMethod.Get, "/api/v1/groups")).Dispose();

        Assert.Equal(3, api.Api.Attempts.Count);
        Assert.True(api.Api.Attempts[2].At - api.Api.Attempts[0].At < TimeSpan.FromSeconds(1));
        Assert.Equal(0, api.Metrics.WaitMilliseconds);
    }

    [Fact]
    public async Task A_reserve_of_zero_turns_pacing_off()
    {
        using var api = new ApiHandlersHarness(Settings with { RateLimitReserve = 0 }, Window(limit: 100, remaining: 1));

        (await api.SendAsync(HttpMethod.Get, "/api/v1/users")).Dispose();
        (await api.SendAsync(HttpMethod.Get, "/api/v1/users")).Dispose();

        Assert.True(api.Api.Attempts[1].At < Reset.AddSeconds(-29), "sent without waiting for the reset");
        Assert.Equal(0, api.Metrics.WaitMilliseconds);
    }

    private static Func<CancellationToken, Task<HttpResponseMessage>> Window(int limit, int remaining) =>
        ScriptedApi.Status(HttpStatusCode.OK, r =>
        {
            r.Headers.Add("X-Rate-Limit-Limit", limit.ToString(CultureInfo.InvariantCulture));
            r.Headers.Add("X-Rate-Limit-Remaining", remaining.ToString(CultureInfo.InvariantCulture));
            r.Headers.Add("X-Rate-Limit-Reset", Reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        });
}
