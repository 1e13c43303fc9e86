namespace SlackOigSync.Storage;

/// <summary>
/// The outcome of taking the lease: whether this run has it, who holds it now, and whose lease was taken over
/// because its process on this host is gone (null if none was).
/// </summary>
public sealed record LeaseAttempt(bool Acquired, LeaseHolder Current, LeaseHolder? TakenOverFrom);
