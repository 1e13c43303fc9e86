namespace SlackOigSync.Sandbox.State;

/// <summary>A governance grant. Only ENTITLEMENT and CUSTOM grants lose values on revocation; POLICY and bundle grants are owned by other mechanisms.</summary>
public sealed class OigGrant
{
    public required string Id { get; init; }
    public required string GrantType { get; init; }
    public required string AppId { get; init; }
    public required string PrincipalUserId { get; init; }
    public string? EntitlementBundleId { get; init; }
    public string Actor { get; init; } = "API";
    public string Status { get; set; } = "ACTIVE";
    public DateTimeOffset Created { get; init; }
    public DateTimeOffset LastUpdated { get; set; }

    /// <summary>Entitlement id → granted value ids.</summary>
    public Dictionary<string, List<string>> Entitlements { get; } = new(StringComparer.Ordinal);
}
