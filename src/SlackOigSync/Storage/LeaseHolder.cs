namespace SlackOigSync.Storage;

/// <summary>Who holds the database's lease: the execution, until when, and (from schema 5) on which host and process.</summary>
public sealed record LeaseHolder(string Holder, string ExpiresAt, string? Host, long? ProcessId)
{
    public string Describe() => Host is null ? Holder : $"{Holder}, process {ProcessId} on host {Host}";

    /// <summary>The holder ran on this host and its process is gone (killed, crashed): it will never renew or release the lease.</summary>
    public bool IsDeadOnThisHost()
    {
        if (Host != Environment.MachineName || ProcessId is not { } pid)
        {
            return false;
        }

        if (pid == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById((int)pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
