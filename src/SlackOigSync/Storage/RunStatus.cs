namespace SlackOigSync.Storage;

/// <summary>An execution's status in sync_execution_log (spelled by <see cref="StorageText"/>): RUNNING until it closes, then how it ended.</summary>
public enum RunStatus
{
    Running,
    Success,
    Failed,
    Partial,
    Blocked,
}
