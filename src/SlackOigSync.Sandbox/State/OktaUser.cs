namespace SlackOigSync.Sandbox.State;

public sealed class OktaUser
{
    public required string Id { get; init; }
    public required string Login { get; set; }
    public required string Email { get; set; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public string Status { get; set; } = "ACTIVE";
}
