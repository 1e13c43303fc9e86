using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace SlackOigSync.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tells each timer created on it (a Task.Delay waiting on this clock), so a
/// test advances time only once the code under test is actually waiting: no sleeps, no races.
/// </summary>
internal sealed class WaitingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly Channel<TimeSpan> _waits = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _waits.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The due time of the next timer created (already created, or the next one), within a generous deadline.</summary>
    public async Task<TimeSpan> NextWaitAsync() => await _waits.Reader.ReadAsync().AsTask().WaitAsync(Deadline);

    /// <summary>Completes when a timer has been created and not yet taken by <see cref="NextWaitAsync"/>.</summary>
    public Task<bool> WaitingAsync() => _waits.Reader.WaitToReadAsync().AsTask();

    public bool HasNewWait => _waits.Reader.Count > 0;
}
