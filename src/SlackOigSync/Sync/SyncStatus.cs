namespace SlackOigSync.Sync;

/// <summary>How a run ended; the value is the process exit code (2 is reserved for configuration and usage errors).</summary>
public enum SyncStatus
{
    /// <summary>Every planned change applied and the re-read matched.</summary>
    Success = 0,

    /// <summary>A source could not be read (nothing was written), or nothing could be applied.</summary>
    Failed = 1,

    /// <summary>Some changes applied and some did not.</summary>
    Partial = 3,

    /// <summary>The mass-revocation guard held the revocations back; additions were applied.</summary>
    Blocked = 4,
}
