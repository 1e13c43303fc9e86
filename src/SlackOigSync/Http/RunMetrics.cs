namespace SlackOigSync.Http;

/// <summary>Counts what the HTTP layer did during a run (requests, retries, waits), for the run's record and the benchmark.</summary>
public sealed class RunMetrics
{
    private long _requests;
    private long _retries;
    private long _waitMilliseconds;

    public long Requests => Interlocked.Read(ref _requests);

    public long Retries => Interlocked.Read(ref _retries);

    public long WaitMilliseconds => Interlocked.Read(ref _waitMilliseconds);

    public void CountRequest() => Interlocked.Increment(ref _requests);

    public void CountRetry(TimeSpan wait)
    {
        Interlocked.Increment(ref _retries);
        Interlocked.Add(ref _waitMilliseconds, (long)wait.TotalMilliseconds);
    }

    /// <summary>A wait for a rate-limit window, before the limit was hit.</summary>
    public void CountWait(TimeSpan wait) => Interlocked.Add(ref _waitMilliseconds, (long)wait.TotalMilliseconds);

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _retries, 0);
        Interlocked.Exchange(ref _waitMilliseconds, 0);
    }
}
