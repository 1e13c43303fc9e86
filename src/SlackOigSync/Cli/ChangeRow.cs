namespace SlackOigSync.Cli;

/// <summary>One audited change as 'show' prints it (json and csv use these names, snake_case).</summary>
public sealed record ChangeRow
{
    public required string ExecutionId { get; init; }
    public required string RecordedAt { get; init; }
    public required string Action { get; init; }
    public string? SlackRoleId { get; init; }
    public string? RoleName { get; init; }
    public string? OktaUserId { get; init; }
    public string? SlackUserId { get; init; }
    public string? Email { get; init; }
    public string? OktaEntitlementValueId { get; init; }
    public required string Outcome { get; init; }
    public string? Error { get; init; }
}
