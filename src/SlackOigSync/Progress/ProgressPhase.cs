namespace SlackOigSync.Progress;

/// <summary>
/// One phase of a run that may take long (a paged read, the look-ups, the writes): how many items are done, out of
/// how many when that is known. Thread-safe; disposing it ends the phase.
/// </summary>
public sealed class ProgressPhase : IDisposable
{
    private readonly Action<ProgressPhase> _end;
    private long _done;

    internal ProgressPhase(string name, string unit, long? total, DateTimeOffset started, Action<ProgressPhase> end)
    {
        Name = name;
        Unit = unit;
        Total = total;
        Started = started;
        _end = end;
    }

    public string Name { get; }

    /// <summary>What is counted, plural ("assignments read", "grant calls").</summary>
    public string Unit { get; }

    public long? Total { get; }

    public DateTimeOffset Started { get; }

    public long Done => Interlocked.Read(ref _done);

    public void Add(long count = 1) => Interlocked.Add(ref _done, count);

    public void Dispose() => _end(this);
}
