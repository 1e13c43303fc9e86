namespace SlackOigSync.Http;

/// <summary>Retry and timeout figures for every API client (configuration section "Http").</summary>
public sealed record HttpResilienceSettings
{
    public int MaxRetries { get; init; } = 6;
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries one run may spend across all calls; past it, failures surface instead of being retried.</summary>
    public int RetryBudgetPerRun { get; init; } = 500;

    /// <summary>When an Okta endpoint's X-Rate-Limit-Remaining falls to this share of its limit, wait for the window to reset.</summary>
    public double RateLimitReserve { get; init; } = 0.05;

    /// <summary>The most pages one listing may take; a listing that goes on past it ends the run (a server paging in circles).</summary>
    public int MaxPagesPerListing { get; init; } = 10_000;

    /// <summary>The largest answer body read, in bytes; a bigger one ends the run without being held whole. The largest page the sync asks for (999 Slack users) is about 2 MB.</summary>
    public long MaxResponseBytes { get; init; } = 32L * 1024 * 1024;
}
