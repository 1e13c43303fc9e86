namespace SlackOigSync.Sandbox.State;

/// <summary>A Slack Enterprise Grid member as the sandbox stores it.</summary>
public sealed class SlackUser
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public string? Email { get; set; }
    public bool Deleted { get; set; }
    public bool IsBot { get; set; }
    public bool IsAdmin { get; set; }
    public bool IsOwner { get; set; }
    public required string TeamId { get; init; }
}
