namespace SlackOigSync.Sandbox.State;

/// <summary>An Okta user's assignment to an app; ExternalId is the Slack user id once provisioned or imported.</summary>
public sealed class OktaAppUser
{
    public required string AppId { get; init; }
    public required string UserId { get; init; }
    public string? ExternalId { get; set; }
    public required string UserName { get; set; }
    public string Status { get; set; } = "PROVISIONED";
    public string Scope { get; set; } = "USER";
}
