using Microsoft.Data.Sqlite;
using SlackOigSync.Configuration;
using SlackOigSync.Storage;

namespace SlackOigSync.Hosting;

/// <summary>
/// Brings the database to the latest schema before a command uses it. A command that only reads what runs wrote
/// never creates the file: a missing one is a usage error naming Sync:DatabasePath.
/// </summary>
public sealed class DatabaseStartup(SyncDatabase database, CommandNeeds needs)
{
    public void Prepare()
    {
        if (Directory.Exists(database.Path))
        {
            throw StorageException.IsDirectory(database.Path);
        }

        if (needs.ExistingDatabase && !File.Exists(database.Path))
        {
            throw new StartupRefusedException($"No database at Sync:DatabasePath '{database.Path}': nothing has run yet, or the path is wrong.");
        }

        try
        {
            database.Migrate();
        }
        catch (SqliteException e)
        {
            throw StorageException.From(e, database.Path);
        }
    }
}
