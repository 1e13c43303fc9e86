using System.Globalization;

namespace SlackOigSync.Storage;

/// <summary>Who holds the database's lease: the execution, until when, and (from schema 5) on which host and process.</summary>
public sealed record LeaseHolder(string Holder, DateTimeOffset ExpiresAt, string? Host, long? ProcessId)
{
    /// <summary>The expiry as messages name it: UTC to the millisecond ("2026-12-06T02:47:35.120Z").</summary>
    public string Until => ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

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
