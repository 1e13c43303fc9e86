namespace SlackOigSync.Sync;

/// <summary>A condition found before any write that makes the run unsafe to continue (a missing scope, say); the message tells the fix.</summary>
public sealed class SyncAbortedException(string message) : Exception(message);
