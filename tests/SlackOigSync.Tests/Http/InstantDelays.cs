namespace SlackOigSync.Tests.Http;

/// <summary>
/// A clock whose short timers fire at once, so retry delays take no wall time; long ones (an attempt's timeout)
/// never fire. The delays asked for are still what the handler counts, so counters can be checked exactly.
/// </summary>
public sealed class InstantDelays(TimeSpan longest) : TimeProvider
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime >= TimeSpan.Zero && dueTime < longest)
        {
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new Idle();
    }

    private sealed class Idle : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
