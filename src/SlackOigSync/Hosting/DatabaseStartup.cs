using SlackOigSync.Configuration;
using SlackOigSync.Storage;

namespace SlackOigSync.Hosting;

/// <summary>
/// Brings the database to the latest schema before a command uses it. A command that only reads what runs wrote
/// never creates the file: a missing one is a usage error naming Sync:DatabasePath.
/// </summary>
public sealed class DatabaseStartup(SyncDatabase database, CommandNeeds needs)
{
    /// <summary>Migrates (which names a directory, a read-only or damaged file as a <see cref="StorageException"/>), after refusing a missing file where the command only reads.</summary>
    public void Prepare()
    {
        if (needs.ExistingDatabase && !File.Exists(database.Path) && !Directory.Exists(database.Path))
        {
            throw new StartupRefusedException($"No database at Sync:DatabasePath '{database.Path}': nothing has run yet, or the path is wrong.");
        }

        database.Migrate();
    }
}
