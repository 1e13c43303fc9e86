namespace SlackOigSync.Http;

/// <summary>
/// Counts what the HTTP layer did during a run (requests, retries, waits), for the run's record and the benchmark.
/// Waiting on a rate limit (a 429's Retry-After or reset, or pacing before the window is spent) is counted apart
/// from backing off after an error (5xx, timeout, dropped connection): the first says the org is busy, the second
/// that something is failing.
/// </summary>
public sealed class RunMetrics
{
    private long _requests;
    private long _retries;
    private long _waitMilliseconds;
    private long _backoffMilliseconds;

    public long Requests => Interlocked.Read(ref _requests);

    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Time spent waiting on rate limits only.</summary>
    public long WaitMilliseconds => Interlocked.Read(ref _waitMilliseconds);

    /// <summary>Time spent backing off before retrying after an error.</summary>
    public long BackoffMilliseconds => Interlocked.Read(ref _backoffMilliseconds);

    public void CountRequest() => Interlocked.Increment(ref _requests);

    /// <summary>A retry after a 429: the wait is a rate-limit wait.</summary>
    public void CountRateLimitRetry(TimeSpan wait)
    {
        Interlocked.Increment(ref _retries);
        Interlocked.Add(ref _waitMilliseconds, (long)wait.TotalMilliseconds);
    }

    /// <summary>A retry after an error: the wait is back-off.</summary>
    public void CountErrorRetry(TimeSpan backoff)
    {
        Interlocked.Increment(ref _retries);
        Interlocked.Add(ref _backoffMilliseconds, (long)backoff.TotalMilliseconds);
    }

    /// <summary>A wait for a rate-limit window, before the limit was hit.</summary>
    public void CountWait(TimeSpan wait) => Interlocked.Add(ref _waitMilliseconds, (long)wait.TotalMilliseconds);

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _retries, 0);
        Interlocked.Exchange(ref _waitMilliseconds, 0);
        Interlocked.Exchange(ref _backoffMilliseconds, 0);
    }
}
