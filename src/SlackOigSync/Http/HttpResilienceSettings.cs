namespace SlackOigSync.Http;

/// <summary>Retry and timeout figures for every API client (configuration section "Http").</summary>
public sealed record HttpResilienceSettings
{
    public int MaxRetries { get; init; } = 6;
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
