using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace SlackOigSync.Tests.Http;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows which of its timers are armed, so a test can move time straight to
/// the next one that is due and never past it: waits (back-off, Retry-After, pacing, an attempt's timeout) then last
/// exactly as long as the code asked, whatever thread its continuations run on, and nothing sleeps.
/// </summary>
public sealed class DrivenClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly HashSet<Armed> _armed = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var armed = new Armed(this);
        armed.Inner = base.CreateTimer(
            s =>
            {
                armed.Fired();
                callback(s);
            },
            state,
            dueTime,
            period);
        armed.Arm(dueTime, period);
        return armed;
    }

    /// <summary>
    /// Moves time to each next armed timer until <paramref name="done"/> completes; fails when nothing is armed for
    /// <paramref name="idle"/> of real time (the code waits on something other than this clock) or past <paramref name="limit"/> of fake time.
    /// </summary>
    public async Task RunUntilAsync(Task done, TimeSpan limit, TimeSpan idle)
    {
        var end = GetUtcNow() + limit;
        var idleSince = Stopwatch.GetTimestamp();
        while (!done.IsCompleted)
        {
            // Let the code under test run what it can before time moves: a request on its way to the scripted API has
            // armed its attempt timeout already, and moving to that timer before the request lands would make the
            // attempt look 30 s late. A few milliseconds of real time for the pool's continuations; the clock stays fake.
            await Task.Delay(10);
            if (done.IsCompleted)
            {
                break;
            }

            DateTimeOffset? next;
            lock (_armed)
            {
                next = _armed.Count == 0 ? null : _armed.Min(a => a.Due);
            }

            if (next is { } due)
            {
                Assert.True(due <= end, $"still waiting after {limit} of fake time (next timer at {due:O})");
                Advance(due > GetUtcNow() ? due - GetUtcNow() : TimeSpan.Zero);
                idleSince = Stopwatch.GetTimestamp();
            }

            Assert.True(Stopwatch.GetElapsedTime(idleSince) < idle, $"nothing completed and no timer was armed for {idle}");
            await Task.Yield();
        }
    }

    private sealed class Armed(DrivenClock clock) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public ITimer Inner { get; set; } = null!;

        public DateTimeOffset Due { get; private set; }

        public void Arm(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._armed)
            {
                _period = period;
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    clock._armed.Remove(this);
                }
                else
                {
                    Due = clock.GetUtcNow() + dueTime;
                    clock._armed.Add(this);
                }
            }
        }

        public void Fired()
        {
            lock (clock._armed)
            {
                if (_period <= TimeSpan.Zero || _period == Timeout.InfiniteTimeSpan)
                {
                    clock._armed.Remove(this);
                }
                else
                {
                    Due = clock.GetUtcNow() + _period;
                }
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Arm(dueTime, period);
            return Inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            Disarm();
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Disarm();
            return Inner.DisposeAsync();
        }

        private void Disarm()
        {
            lock (clock._armed)
            {
                clock._armed.Remove(this);
            }
        }
    }
}
