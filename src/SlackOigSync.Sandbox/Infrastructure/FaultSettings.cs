namespace SlackOigSync.Sandbox.Infrastructure;

/// <summary>Fault injection and latency for the whole sandbox; reproducible from Seed. Off by default.</summary>
public sealed record FaultSettings
{
    public int Seed { get; init; } = 1;
    public int LatencyMilliseconds { get; init; }
    public List<FaultRule> Rules { get; init; } = [];
}
