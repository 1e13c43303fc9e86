using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SlackOigSync.Configuration;
using SlackOigSync.Storage;

namespace SlackOigSync.Sync;

/// <summary>
/// The run's lease on the database, so that two runs never apply at once: taken before anything is written (a dead
/// holder on this host is taken over at once), renewed every third of Sync:LeaseDuration, released when disposed.
/// If another run takes it over, the run is told to stop before its next write.
/// </summary>
public sealed class LeaseKeeper(RunLease lease, AppSettings settings, TimeProvider clock, ILogger<LeaseKeeper> logger)
{
    /// <summary>Takes the lease for the execution, or throws <see cref="LeaseUnavailableException"/> naming its holder.</summary>
    /// <param name="stop">Cancelled if the lease is lost to another run.</param>
    public HeldLease Acquire(string executionId, CancellationTokenSource stop)
    {
        var taken = lease.TryAcquire(executionId, clock.GetUtcNow(), settings.Sync.LeaseDuration);
        if (taken.TakenOverFrom is { } dead)
        {
            logger.LogWarning("Took over the database lease of {Holder}: its process is gone from this host", dead.Describe());
        }

        if (!taken.Acquired)
        {
            var holder = taken.Current;
            throw new LeaseUnavailableException($"another run ({holder.Holder}) holds this database's lease until {holder.Until}{(holder.Host is null ? string.Empty : $" (process {holder.ProcessId} on host {holder.Host})")}; two runs never apply at once. If that process is gone, wait until then or release the lease by hand with the 'release-lease' command.");
        }

        var done = new CancellationTokenSource();
        return new HeldLease(KeepAsync(executionId, stop, done.Token), done, () => Release(executionId));
    }

    /// <summary>Releases the lease; if the database will not let us, it expires after Sync:LeaseDuration anyway.</summary>
    private void Release(string executionId)
    {
        try
        {
            lease.Release(executionId);
        }
        catch (SqliteException e)
        {
            logger.LogWarning("Could not release the database lease ({Error}); it expires after Sync:LeaseDuration", StorageException.From(e, settings.Sync.DatabasePath).Message);
        }
    }

    /// <summary>Renews the lease every third of its duration; if another run took it over, stops this run's writes.</summary>
    private async Task KeepAsync(string executionId, CancellationTokenSource stop, CancellationToken done)
    {
        using var timer = new PeriodicTimer(settings.Sync.LeaseDuration / 3, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(done))
            {
                bool renewed;
                try
                {
                    renewed = lease.TryAcquire(executionId, clock.GetUtcNow(), settings.Sync.LeaseDuration).Acquired;
                }
                catch (SqliteException e)
                {
                    // Busy or full for a moment: the lease still runs for two thirds of its duration; try at the next tick.
                    logger.LogWarning("Could not renew the database lease ({Error}); trying again at the next renewal", StorageException.From(e, settings.Sync.DatabasePath).Message);
                    continue;
                }

                if (!renewed)
                {
                    logger.LogError("Lost the database lease to another run; stopping before the next write");
                    await stop.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }
}

/// <summary>A lease being renewed; disposing it stops the renewal and releases the lease.</summary>
public sealed class HeldLease(Task renewal, CancellationTokenSource done, Action release) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await done.CancelAsync();
        await renewal;
        done.Dispose();
        release();
    }
}
