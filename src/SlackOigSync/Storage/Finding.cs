namespace SlackOigSync.Storage;

/// <summary>One row of sync_finding.</summary>
public sealed record Finding
{
    public long Id { get; init; }
    public required string ExecutionId { get; init; }
    public required FindingKind Kind { get; init; }
    public string? SlackUserId { get; init; }
    public string? Email { get; init; }
    public string? OktaUserId { get; init; }
    public string? SlackRoleId { get; init; }
    public required string Detail { get; init; }
}
