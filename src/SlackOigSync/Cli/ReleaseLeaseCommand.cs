using SlackOigSync.Storage;

namespace SlackOigSync.Cli;

/// <summary>'release-lease': deletes the run lease unless its holder is a live process on this host, and says whose it was.</summary>
public static class ReleaseLeaseCommand
{
    public static async Task<int> RunAsync(SyncDatabase database, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        var lease = new RunLease(database);
        if (lease.Current() is { } holder && holder.Host == Environment.MachineName && holder.ProcessId is not null && !holder.IsDeadOnThisHost())
        {
            await errors.WriteLineAsync($"The lease of {database.Path} is held by {holder.Describe()} until {holder.Until}, and that process is still running on this host; stop it (its run releases the lease when it ends) rather than releasing the lease under it.");
            return 1;
        }

        var released = lease.ReleaseAny();
        await output.WriteLineAsync(released is null
            ? $"No run holds the lease of {database.Path}; nothing to release."
            : $"Released the lease of {database.Path} held by {released.Describe()} until {released.Until}; the next run may apply.");
        return 0;
    }
}
