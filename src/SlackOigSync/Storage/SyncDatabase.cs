using Dapper;
using Microsoft.Data.Sqlite;

namespace SlackOigSync.Storage;

/// <summary>
/// The SQLite file: connections (WAL, busy timeout, so operators can read while a run writes) and the
/// forward-only schema migrations. The file is created readable by its owner only: it names every admin.
/// </summary>
public sealed class SyncDatabase(string path)
{
    public string Path { get; } = path;

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        connection.Open();
        connection.Execute("PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;");
        return connection;
    }

    /// <summary>Creates the file if needed and applies every migration newer than the file's schema version.</summary>
    public int Migrate()
    {
        CreateOwnerOnlyFile();
        using var connection = Open();
        connection.Execute("PRAGMA journal_mode = WAL;");
        connection.Execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL);");
        var current = connection.ExecuteScalar<long?>("SELECT MAX(version) FROM schema_version") ?? 0;
        foreach (var (version, sql) in Migrations.All.Where(m => m.Version > current))
        {
            using var transaction = connection.BeginTransaction();
            connection.Execute(sql, transaction: transaction);
            connection.Execute(
                "INSERT INTO schema_version (version, applied_at) VALUES (@version, @at)",
                new { version, at = DateTimeOffset.UtcNow.ToString("O") },
                transaction);
            transaction.Commit();
            current = version;
        }

        return (int)current;
    }

    private void CreateOwnerOnlyFile()
    {
        var full = System.IO.Path.GetFullPath(Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
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
