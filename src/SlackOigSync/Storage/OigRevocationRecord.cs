namespace SlackOigSync.Storage;

/// <summary>One row of oig_revocation: a grant revoked in OIG while Slack still listed the role.</summary>
public sealed record OigRevocationRecord
{
    public long Id { get; init; }
    public required string OktaUserId { get; init; }
    public required string RoleId { get; init; }

    /// <summary>The Slack accounts of that user that held the role when it was last seen (comma-separated).</summary>
    public required string SlackUserIds { get; init; }

    public string? Email { get; init; }
    public required DateTimeOffset DetectedAt { get; init; }
    public required string DetectedBy { get; init; }
    public required DateTimeOffset LastSeenAt { get; init; }
    public required string LastSeenBy { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public string? ClosedBy { get; init; }
    public OigRevocationResolution? Resolution { get; init; }

    public bool IsOpen => ClosedAt is null;
}
