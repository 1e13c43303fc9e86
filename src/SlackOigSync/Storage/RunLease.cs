using System.Globalization;
using Dapper;

namespace SlackOigSync.Storage;

/// <summary>
/// The lease that keeps two runs against one database from applying at the same time. It expires, so a
/// holder that died (kill -9, node lost) blocks the next run for at most one lease period.
/// </summary>
public sealed class RunLease(SyncDatabase database)
{
    public static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Takes or renews the lease for <paramref name="holder"/>; returns who holds it afterwards and until when.</summary>
    public (bool Acquired, string Holder, string ExpiresAt) TryAcquire(string holder, DateTimeOffset now, TimeSpan duration)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        connection.Execute(
            """
            INSERT INTO sync_lease (name, holder, expires_at) VALUES ('sync', @holder, @expires)
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE sync_lease.expires_at < @now OR sync_lease.holder = @holder
            """,
            new { holder, expires = Stamp(now + duration), now = Stamp(now) },
            transaction);
        var (current, expiresAt) = connection.QuerySingle<(string, string)>("SELECT holder, expires_at FROM sync_lease WHERE name = 'sync'", transaction: transaction);
        transaction.Commit();
        return (current == holder, current, expiresAt);
    }

    public void Release(string holder)
    {
        using var connection = database.Open();
        connection.Execute("DELETE FROM sync_lease WHERE name = 'sync' AND holder = @holder", new { holder });
    }
}
