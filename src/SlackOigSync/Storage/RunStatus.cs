namespace SlackOigSync.Storage;

/// <summary>
/// How a run stands: RUNNING in sync_execution_log until it closes, then how it ended (spelled by <see cref="StorageText"/>).
/// The process exit code of an ended run is <see cref="RunStatusExtensions.ExitCode"/>.
/// </summary>
public enum RunStatus
{
    /// <summary>Opened and not closed yet (or left so by a process that stopped).</summary>
    Running,

    /// <summary>Every planned change applied and the re-read matched.</summary>
    Success,

    /// <summary>A source could not be read (nothing was written), or nothing could be applied.</summary>
    Failed,

    /// <summary>Some changes applied and some did not.</summary>
    Partial,

    /// <summary>The mass-revocation guard held the revocations back; additions were applied.</summary>
    Blocked,
}
