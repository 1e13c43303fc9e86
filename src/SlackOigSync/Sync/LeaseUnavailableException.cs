namespace SlackOigSync.Sync;

/// <summary>Another run holds the database's lease: this one must not apply anything.</summary>
public sealed class LeaseUnavailableException(string message) : Exception(message);
