namespace SlackOigSync.Sandbox.Infrastructure;

/// <summary>
/// Probabilities (0–1) of each fault for the endpoints a rule matches. DropAfterWrite applies the request
/// and then drops the connection, the ambiguous failure a client must not answer with a duplicate write.
/// </summary>
public sealed record FaultRule
{
    public string Endpoint { get; init; } = "*";
    public double RateLimited { get; init; }
    public double ServerError { get; init; }
    public double Unavailable { get; init; }
    public double Slow { get; init; }
    public int SlowMilliseconds { get; init; } = 5_000;
    public double Drop { get; init; }
    public double DropAfterWrite { get; init; }

    public bool Matches(string endpoint) =>
        Endpoint == "*" || Endpoint == endpoint || (Endpoint.EndsWith('*') && endpoint.StartsWith(Endpoint[..^1], StringComparison.Ordinal));
}
