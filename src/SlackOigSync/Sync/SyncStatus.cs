namespace SlackOigSync.Sync;

/// <summary>How a run ended, and the process exit code each ending maps to.</summary>
public enum SyncStatus
{
    Success = 0,
    Failed = 1,
    Partial = 3,
}
