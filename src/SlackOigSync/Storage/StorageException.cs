using Microsoft.Data.Sqlite;

namespace SlackOigSync.Storage;

/// <summary>
/// The database could not be read or written. The message is one sentence for the operator: the file, what is
/// wrong and what to do. <see cref="ExitCode"/> is 2 where the operator must fix a path or the file itself before
/// anything can run, and 1 where running again later can succeed (locked, full, an I/O error).
/// </summary>
public sealed class StorageException : Exception
{
    public StorageException(StorageFault fault, string path, string message, Exception? inner = null)
        : base(message, inner)
    {
        Fault = fault;
        DatabasePath = path;
    }

    public StorageException()
    {
    }

    public StorageException(string message)
        : base(message)
    {
    }

    public StorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StorageFault Fault { get; } = StorageFault.Other;

    public string DatabasePath { get; } = string.Empty;

    public int ExitCode => Fault is StorageFault.ReadOnly or StorageFault.Corrupt or StorageFault.CannotOpen
        or StorageFault.IsDirectory or StorageFault.CannotCreate or StorageFault.SchemaTooNew ? 2 : 1;

    /// <summary>The exception as a storage failure: itself, or a SQLite error translated by its result code.</summary>
    public static StorageException Of(Exception e, string path) => e as StorageException ?? From((SqliteException)e, path);

    public static StorageException From(SqliteException e, string path) => (e.SqliteErrorCode & 0xFF) switch
    {
        5 or 6 => new(StorageFault.Locked, path,
            $"The database {path} is locked by another process and stayed locked past the busy timeout, so this run could not record its work; let the other process (another run, a backup, an open sqlite3 shell) finish, then run again.", e),
        8 => new(StorageFault.ReadOnly, path,
            $"The database {path} is read-only, so no run can be recorded in it; make the file and its directory writable by the user the worker runs as (check file attributes and mount options too), or set Sync:DatabasePath to a writable file.", e),
        11 or 26 => new(StorageFault.Corrupt, path,
            $"The database {path} is not a valid SQLite database (damaged, or another kind of file); restore it from backup or move it aside; a new one will be created.", e),
        13 => new(StorageFault.Full, path,
            $"The disk holding the database {path} is full, so this run could not record its work; free space on it (or move Sync:DatabasePath), then run again: the next run re-reads OIG and completes the rest.", e),
        14 => new(StorageFault.CannotOpen, path,
            $"The database {path} cannot be opened; set Sync:DatabasePath to a file in an existing directory this user can write.", e),
        10 => new(StorageFault.IoError, path,
            $"Reading or writing the database {path} failed with an I/O error ({e.Message.TrimEnd('.')}); check the disk, then run again.", e),
        _ => new(StorageFault.Other, path, $"The database {path} failed: {e.Message.TrimEnd('.')}.", e),
    };

    public static StorageException IsDirectory(string path) => new(StorageFault.IsDirectory, path,
        $"Sync:DatabasePath {path} is a directory, not a file; set it to a file path such as {System.IO.Path.Combine(path, "slack-oig-sync.db")}.");

    public static StorageException CannotCreate(string path, Exception e) => new(StorageFault.CannotCreate, path,
        $"The database {path} cannot be created ({e.Message.TrimEnd('.')}); set Sync:DatabasePath to a file in a directory this user can write.", e);

    public static StorageException SchemaTooNew(string path, long found, int latest) => new(StorageFault.SchemaTooNew, path,
        $"The database {path} has schema version {found}, newer than this build knows (up to {latest}); run the release that wrote it or a newer one, or restore a backup written by this release; nothing was changed.");
}
