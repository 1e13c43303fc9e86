using Dapper;

namespace SlackOigSync.Storage;

/// <summary>
/// The lease that keeps two runs against one database from applying at the same time. It expires, so a
/// holder that died (kill -9, node lost) blocks the next run for at most one lease period; a holder on this host
/// whose process is gone is taken over at once; `release-lease` deletes it by hand.
/// </summary>
public sealed class RunLease(SyncDatabase database)
{
    /// <summary>Takes or renews the lease for <paramref name="holder"/>, recording this host and process.</summary>
    public LeaseAttempt TryAcquire(string holder, DateTimeOffset now, TimeSpan duration)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var current = Read(connection, transaction);
        var takenOver = current is not null && current.Holder != holder && current.ExpiresAt >= now && current.IsDeadOnThisHost()
            ? current
            : null;
        if (current is null || current.Holder == holder || current.ExpiresAt < now || takenOver is not null)
        {
            connection.Execute(
                """
                INSERT INTO sync_lease (name, holder, expires_at, host, process_id) VALUES ('sync', @holder, @expires, @host, @pid)
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at, host = excluded.host, process_id = excluded.process_id
                """,
                new { holder, expires = now + duration, host = Environment.MachineName, pid = Environment.ProcessId },
                transaction);
        }

        var after = Read(connection, transaction)!;
        transaction.Commit();
        return new LeaseAttempt(after.Holder == holder, after, takenOver);
    }

    public void Release(string holder)
    {
        using var connection = database.Open();
        connection.Execute("DELETE FROM sync_lease WHERE name = 'sync' AND holder = @holder", new { holder });
    }

    /// <summary>Who holds the lease, or null.</summary>
    public LeaseHolder? Current()
    {
        using var connection = database.Open();
        return Read(connection, null);
    }

    /// <summary>Deletes the lease whoever holds it (the operator's `release-lease`); returns whose it was, or null.</summary>
    public LeaseHolder? ReleaseAny()
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var current = Read(connection, transaction);
        connection.Execute("DELETE FROM sync_lease WHERE name = 'sync'", transaction: transaction);
        transaction.Commit();
        return current;
    }

    private static LeaseHolder? Read(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction? transaction) =>
        connection.QuerySingleOrDefault<LeaseHolder>(
            "SELECT holder AS Holder, expires_at AS ExpiresAt, host AS Host, process_id AS ProcessId FROM sync_lease WHERE name = 'sync'",
            transaction: transaction);
}
