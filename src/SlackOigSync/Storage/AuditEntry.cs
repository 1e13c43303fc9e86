namespace SlackOigSync.Storage;

/// <summary>One row of sync_change_audit: a change the run planned or made, for whom, and how it went.</summary>
public sealed record AuditEntry
{
    public long Id { get; init; }
    public required string ExecutionId { get; init; }
    public required AuditAction Action { get; init; }
    public string? SlackUserId { get; init; }
    public string? Email { get; init; }
    public string? OktaUserId { get; init; }
    public string? SlackRoleId { get; init; }
    public string? OktaEntitlementValueId { get; init; }
    public required AuditOutcome Outcome { get; init; }
    public string? Error { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
}
