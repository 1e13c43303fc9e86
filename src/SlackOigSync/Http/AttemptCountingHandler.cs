namespace SlackOigSync.Http;

/// <summary>
/// Counts every attempt sent in the run's <see cref="RunMetrics"/> and numbers it on the request (1 for the first;
/// a retry resends the same request message), for <see cref="HttpCallLogHandler"/>'s line.
/// </summary>
public sealed class AttemptCountingHandler(RunMetrics metrics) : DelegatingHandler
{
    /// <summary>The number of the attempt being sent: 1 for the first.</summary>
    public static readonly HttpRequestOptionsKey<int> Attempt = new("slack-oig-sync.attempt");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        metrics.CountRequest();
        request.Options.Set(Attempt, request.Options.TryGetValue(Attempt, out var previous) ? previous + 1 : 1);
        return base.SendAsync(request, cancellationToken);
    }
}
