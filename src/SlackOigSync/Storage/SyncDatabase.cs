using System.Collections.Concurrent;
using Dapper;
using Microsoft.Data.Sqlite;

namespace SlackOigSync.Storage;

/// <summary>
/// The SQLite file: connections (WAL, busy timeout, so operators can read while a run writes) and the
/// forward-only schema migrations. The file is created readable by its owner only: it names every admin; a
/// directory created for it is not world-readable or writable (0750).
/// </summary>
public sealed class SyncDatabase(string path)
{
    static SyncDatabase() => UtcTimestampHandler.Register();

    public string Path { get; } = path;

    /// <summary>
    /// For tests only, empty in production: an action run on every connection this process opens on the file at
    /// the given full path, after the worker's own pragmas. Tests use it to produce genuine SQLite faults on the
    /// worker's own connections (PRAGMA max_page_count for SQLITE_FULL, a short busy_timeout for SQLITE_BUSY).
    /// Keyed by full path, so parallel tests never see each other's hooks.
    /// </summary>
    public static ConcurrentDictionary<string, Action<SqliteConnection>> ConnectionHooksForTests { get; } = new(StringComparer.Ordinal);

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        connection.Open();
        connection.Execute("PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;");
        if (!ConnectionHooksForTests.IsEmpty && ConnectionHooksForTests.TryGetValue(System.IO.Path.GetFullPath(Path), out var hook))
        {
            hook(connection);
        }

        return connection;
    }

    /// <summary>
    /// Creates the file if needed and applies every migration newer than the file's schema version, all in one
    /// BEGIN IMMEDIATE transaction that re-reads the version inside it: workers starting together on a new file
    /// queue on the write lock instead of racing to create the same tables. A file newer than this build is
    /// refused here, before any run is opened or any API called. Failures are <see cref="StorageException"/>s.
    /// </summary>
    public int Migrate()
    {
        var full = System.IO.Path.GetFullPath(Path);
        if (Directory.Exists(full))
        {
            throw StorageException.IsDirectory(Path);
        }

        try
        {
            CreateOwnerOnlyFile(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StorageException.CannotCreate(Path, e);
        }

        try
        {
            return MigrateFile();
        }
        catch (SqliteException e)
        {
            throw StorageException.From(e, Path);
        }
    }

    private int MigrateFile()
    {
        var latest = Migrations.All[^1].Version;
        using var connection = Open();
        connection.Execute("PRAGMA journal_mode = WAL;");

        // An up-to-date file needs no write lock (so history and show work on a read-only copy).
        var current = Version(connection, null);
        if (current > latest)
        {
            throw StorageException.SchemaTooNew(Path, current, latest);
        }

        if (current == latest)
        {
            return latest;
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        current = Version(connection, transaction);
        if (current > latest)
        {
            throw StorageException.SchemaTooNew(Path, current, latest);
        }

        connection.Execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL);", transaction: transaction);
        foreach (var (version, sql) in Migrations.All.Where(m => m.Version > current))
        {
            connection.Execute(sql, transaction: transaction);
            connection.Execute(
                "INSERT INTO schema_version (version, applied_at) VALUES (@version, @at)",
                new { version, at = DateTimeOffset.UtcNow },
                transaction);
        }

        transaction.Commit();
        return latest;
    }

    private static long Version(SqliteConnection connection, SqliteTransaction? transaction) =>
        connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'", transaction: transaction) == 0
            ? 0
            : connection.ExecuteScalar<long?>("SELECT MAX(version) FROM schema_version", transaction: transaction) ?? 0;

    /// <summary>
    /// Creates a directory for the database, and any missing parent, as 0750: neither world-writable nor
    /// world-readable, since the file inside names every admin. Existing directories are left as they are.
    /// </summary>
    public static void CreateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }

        var missing = new Stack<string>();
        for (var d = System.IO.Path.GetFullPath(directory); !string.IsNullOrEmpty(d) && !Directory.Exists(d); d = System.IO.Path.GetDirectoryName(d))
        {
            missing.Push(d);
        }

        while (missing.TryPop(out var d))
        {
            Directory.CreateDirectory(d, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        }
    }

    private static void CreateOwnerOnlyFile(string full)
    {
        CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        if (File.Exists(full))
        {
            return;
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var _ = new FileStream(full, options);
        }
        catch (IOException) when (File.Exists(full))
        {
            // Another process created it first; fine.
        }
    }
}
