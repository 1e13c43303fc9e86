namespace SlackOigSync.Sync;

/// <summary>What applying a plan did: user × role changes applied and failed, and the role → value ids now known.</summary>
public sealed record ApplyOutcome(int Added, int Removed, int Failed, int Applied, IReadOnlyDictionary<string, CurrentValue> ValuesByRole)
{
    /// <summary>The first failure's message: the likeliest cause, for error_message.</summary>
    public string? FirstError { get; init; }

    /// <summary>The managed entitlement's id: the one the run found, or the one it created (null if creating it failed).</summary>
    public string? EntitlementId { get; init; }

    /// <summary>A stop was requested (SIGTERM); writes not yet started were left for the next run.</summary>
    public bool Stopped { get; init; }

    /// <summary>An audit row could not be written, so writing to OIG stopped there: the storage failure, for error_message.</summary>
    public string? AuditFailure { get; init; }

    /// <summary>Account × role assignments removed in Slack (Sync:OnOigRevocation=RemoveFromSlack).</summary>
    public int RemovedFromSlack { get; init; }

    /// <summary>User × role pairs removed in Slack from every account that held them: Slack and OIG agree on them again.</summary>
    public IReadOnlyList<(string OktaUserId, string RoleId)> RemovedFromSlackPairs { get; init; } = [];
}
