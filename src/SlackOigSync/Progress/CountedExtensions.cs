namespace SlackOigSync.Progress;

public static class CountedExtensions
{
    /// <summary>Counts each item into the phase as it streams by (the source carries the cancellation token).</summary>
    public static async IAsyncEnumerable<T> Counted<T>(this IAsyncEnumerable<T> items, ProgressPhase phase)
    {
        await foreach (var item in items)
        {
            phase.Add();
            yield return item;
        }
    }
}
