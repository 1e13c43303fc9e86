using System.Collections.Concurrent;

namespace SlackOigSync.Sandbox.Infrastructure;

/// <summary>What the sandbox has been asked and what it did to callers: request counts, rate budgets and injected faults.</summary>
public sealed class SandboxTraffic(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, long> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _faults = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Window, int Used)> _budgets = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private Random _random = new(1);

    public FaultSettings Faults { get; private set; } = new();

    public RateLimitSettings RateLimits { get; private set; } = new();

    public IReadOnlyDictionary<string, long> Requests => _requests;

    public IReadOnlyDictionary<string, long> InjectedFaults => _faults;

    /// <summary>Requests refused with 429 because their endpoint's budget was spent (not injected faults).</summary>
    public IReadOnlyDictionary<string, long> BudgetRejections => _rejections;

    private readonly ConcurrentDictionary<string, long> _rejections = new(StringComparer.Ordinal);

    public void CountRejection(string endpoint) => _rejections.AddOrUpdate(endpoint, 1, (_, n) => n + 1);

    public void Count(string endpoint) => _requests.AddOrUpdate(endpoint, 1, (_, n) => n + 1);

    private int _inFlight;

    /// <summary>Slack, Okta and OIG requests being answered now (a caller that died mid-call is still counted until its handler ends).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Leave() => Interlocked.Decrement(ref _inFlight);

    public void CountFault(string kind) => _faults.AddOrUpdate(kind, 1, (_, n) => n + 1);

    public void ResetCounters()
    {
        _requests.Clear();
        _faults.Clear();
        _rejections.Clear();
    }

    public void Configure(FaultSettings faults)
    {
        lock (_gate)
        {
            Faults = faults;
            _random = new Random(faults.Seed);
        }
    }

    public void Configure(RateLimitSettings limits)
    {
        lock (_gate)
        {
            RateLimits = limits;
            _budgets.Clear();
        }
    }

    /// <summary>Spends one request of the endpoint's budget. Returns the limit, what remains and when the window resets.</summary>
    public (bool Allowed, int Limit, int Remaining, long ResetEpochSeconds) Spend(string endpoint)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow().ToUnixTimeSeconds();
            var window = now / RateLimits.WindowSeconds;
            var reset = (window + 1) * RateLimits.WindowSeconds;
            var limit = RateLimits.LimitFor(endpoint);
            var used = _budgets.TryGetValue(endpoint, out var b) && b.Window == window ? b.Used : 0;
            if (used >= limit)
            {
                return (false, limit, 0, reset);
            }

            _budgets[endpoint] = (window, used + 1);
            return (true, limit, limit - used - 1, reset);
        }
    }

    /// <summary>Rolls the dice for one request: the fault to inject, if any.</summary>
    public (string? Kind, int SlowMilliseconds) Roll(string endpoint)
    {
        lock (_gate)
        {
            foreach (var rule in Faults.Rules)
            {
                if (!rule.Matches(endpoint))
                {
                    continue;
                }

                var roll = _random.NextDouble();
                foreach (var (kind, p) in new[]
                         {
                             ("drop", rule.Drop), ("429", rule.RateLimited), ("500", rule.ServerError),
                             ("503", rule.Unavailable), ("slow", rule.Slow), ("drop-after-write", rule.DropAfterWrite),
                         })
                {
                    if (roll < p)
                    {
                        return (kind, rule.SlowMilliseconds);
                    }

                    roll -= p;
                }
            }

            return (null, 0);
        }
    }
}
