using System.Collections.Concurrent;
using System.Globalization;

namespace SlackOigSync.Http;

/// <summary>
/// Remembers each Okta endpoint's rate-limit window from its X-Rate-Limit-* headers and, when the remaining
/// budget falls to the reserve, makes the next caller wait for the window to reset instead of running into 429s.
/// A reserve of 0 turns pacing off (the benchmark compares both).
/// </summary>
public sealed class RateLimitPacer(TimeProvider clock, HttpResilienceSettings settings)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>How long to wait before sending to this endpoint (zero when there is budget left).</summary>
    public TimeSpan DelayBefore(HttpRequestMessage request)
    {
        var key = Key(request);
        if (settings.RateLimitReserve <= 0 || !_windows.TryGetValue(key, out var window))
        {
            return TimeSpan.Zero;
        }

        var now = clock.GetUtcNow();
        var reserve = Math.Max(1, (int)Math.Ceiling(window.Limit * settings.RateLimitReserve));
        var remaining = window.Spend();
        if (remaining > reserve || window.Reset <= now)
        {
            return TimeSpan.Zero;
        }

        var wait = window.Reset - now + TimeSpan.FromMilliseconds(100);
        return wait < TimeSpan.FromSeconds(60) ? wait : TimeSpan.FromSeconds(60);
    }

    public void Observe(HttpRequestMessage request, HttpResponseMessage response)
    {
        if (Header(response, "X-Rate-Limit-Limit") is { } limit && Header(response, "X-Rate-Limit-Remaining") is { } remaining
            && Header(response, "X-Rate-Limit-Reset") is { } reset && reset <= MaxEpochSeconds)
        {
            _windows[Key(request)] = new Window((int)limit, (int)remaining, DateTimeOffset.FromUnixTimeSeconds(reset));
        }
    }

    /// <summary>Year 9999: a reset past it is not a time, so the headers are ignored rather than trusted.</summary>
    public const long MaxEpochSeconds = 253_402_300_799;

    private static string Key(HttpRequestMessage request) => $"{request.Method} {request.RequestUri?.Host}{request.RequestUri?.AbsolutePath}";

    private static long? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    private sealed class Window(int limit, int remaining, DateTimeOffset reset)
    {
        private int _remaining = remaining;

        public int Limit { get; } = limit;

        public DateTimeOffset Reset { get; } = reset;

        /// <summary>Counts a request about to be sent against what the last answer said was left.</summary>
        public int Spend() => Interlocked.Decrement(ref _remaining) + 1;
    }
}
