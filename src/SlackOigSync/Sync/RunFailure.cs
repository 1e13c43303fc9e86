using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SlackOigSync.Http;
using SlackOigSync.Storage;

namespace SlackOigSync.Sync;

/// <summary>
/// How a run that threw ends: the sentence for its error message, and its log lines. A failed read, a lost lease, a
/// stop, the database and a fault of ours all end the run FAILED; a cancellation by the caller is not caught.
/// </summary>
public sealed record RunFailure(string Message, bool Stopped = false, Exception? Cause = null, bool Unexpected = false)
{
    /// <summary>Null for what the run does not catch: a cancellation the caller asked for that is not the run's own stop.</summary>
    public static RunFailure? Of(Exception e, bool stopRequested, bool callerCancelled, string databasePath) => e switch
    {
        ApiException or LeaseUnavailableException or SyncAbortedException => new(e.Message),
        OperationCanceledException when stopRequested => new("stopped (shutdown requested or lease lost) before anything was applied", Stopped: true),

        // The database failed (locked, full, read-only, damaged): close the run FAILED if it still lets us.
        SqliteException or StorageException => new(StorageException.Of(e, databasePath).Message, Cause: e),

        // A fault of ours or of the machine (a bug): still close the run as FAILED; the stack trace only with --verbose.
        _ when e is not OperationCanceledException || !callerCancelled =>
            new(SecretScrubber.Scrub($"unexpected {e.GetType().Name}: {e.Message.TrimEnd('.')}. Run again with --verbose for details"), Cause: e, Unexpected: true),
        _ => null,
    };

    public void Log(ILogger logger)
    {
        if (Stopped)
        {
            logger.LogWarning("Sync stopped before applying anything");
            return;
        }

        logger.LogError("Sync failed: {Error}", Message);
        if (Cause is not null && Unexpected)
        {
            logger.LogDebug(Cause, "Unexpected failure");
        }
        else if (Cause is not null)
        {
            logger.LogDebug(Cause, "Storage failure");
        }
    }
}
