using Microsoft.Extensions.Logging;

namespace SlackOigSync.Sync;

/// <summary>
/// One log line for a warning that repeats per user: the sentence once with a count and the first few examples, so a
/// large org's log stays readable. Every case is kept as a finding, which 'show' lists in full.
/// </summary>
public static class RepeatedWarning
{
    public const int Examples = 3;

    /// <param name="what">What every item is, as a plural sentence fragment ("Slack users in an identity conflict: nothing is granted to them").</param>
    public static void Log<T>(ILogger logger, IReadOnlyCollection<T> items, string what, Func<T, string> example)
    {
        if (items.Count == 0)
        {
            return;
        }

        var shown = string.Join("; ", items.Take(Examples).Select(example));
        var more = items.Count > Examples ? $"; and {items.Count - Examples} more ('show <execution-id>' lists them all)" : string.Empty;
        logger.LogWarning("{Count} {What}: {Examples}{More}", items.Count, what, shown, more);
    }
}
