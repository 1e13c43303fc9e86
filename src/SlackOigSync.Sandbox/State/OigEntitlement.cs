namespace SlackOigSync.Sandbox.State;

public sealed class OigEntitlement
{
    public required string Id { get; init; }
    public required string AppId { get; init; }
    public required string Name { get; set; }
    public required string ExternalValue { get; init; }
    public string? Description { get; set; }
    public bool MultiValue { get; init; } = true;
    public string DataType { get; init; } = "string";
    public DateTimeOffset Created { get; init; }
    public DateTimeOffset LastUpdated { get; set; }
    public List<OigEntitlementValue> Values { get; } = [];
}
