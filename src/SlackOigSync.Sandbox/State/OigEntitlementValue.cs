namespace SlackOigSync.Sandbox.State;

public sealed class OigEntitlementValue
{
    public required string Id { get; init; }
    public required string EntitlementId { get; init; }
    public required string Name { get; set; }
    public required string ExternalValue { get; init; }
    public string? Description { get; set; }
    public DateTimeOffset Created { get; init; }
    public DateTimeOffset LastUpdated { get; set; }
}
