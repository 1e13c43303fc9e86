namespace SlackOigSync.Sandbox.Infrastructure;

/// <summary>Per-endpoint request budgets per fixed window. The defaults are generous; tests and benchmarks tighten them.</summary>
public sealed record RateLimitSettings
{
    public int WindowSeconds { get; init; } = 60;
    public int DefaultLimit { get; init; } = 100_000;
    public Dictionary<string, int> Limits { get; init; } = [];

    public int LimitFor(string endpoint) => Limits.GetValueOrDefault(endpoint, DefaultLimit);
}
