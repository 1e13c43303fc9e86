namespace SlackOigSync.Sandbox.Seed;

/// <summary>The JSON document a sandbox starts from (config/sandbox-seed.json is one).</summary>
public sealed record SandboxSeed
{
    public string OrgId { get; init; } = "00o1sandboxorg000001";
    public string EnterpriseId { get; init; } = "E0SANDBOX01";
    public string DefaultTeamId { get; init; } = "T0SANDBOX01";
    public required string SlackAppId { get; init; }

    /// <summary>False emulates a workspace that is not on Enterprise Grid: admin.* methods answer feature_not_enabled.</summary>
    public bool EnterpriseGrid { get; init; } = true;
    public List<string> OtherAppIds { get; init; } = [];
    public List<string> GovernanceDisabledApps { get; init; } = [];
    public List<SeedSlackUser> SlackUsers { get; init; } = [];
    public List<SeedAssignment> RoleAssignments { get; init; } = [];
    public List<SeedOktaUser> OktaUsers { get; init; } = [];
    public List<SeedAppUser> AppUsers { get; init; } = [];
    public List<SeedEntitlement> Entitlements { get; init; } = [];
    public List<SeedGrant> Grants { get; init; } = [];
}

public sealed record SeedSlackUser(string Id, string Name, string? Email, bool Deleted = false, bool IsBot = false, bool IsAdmin = false, bool IsOwner = false, string? TeamId = null);

public sealed record SeedAssignment(string RoleId, string UserId, string EntityId, long DateCreate);

public sealed record SeedOktaUser(string Id, string Email, string FirstName, string LastName, string? Login = null, string Status = "ACTIVE");

/// <summary>An app assignment; AppId defaults to the seed's Slack app.</summary>
public sealed record SeedAppUser(string UserId, string? ExternalId, string? AppId = null, string Status = "PROVISIONED", string Scope = "USER");

public sealed record SeedEntitlement(string Id, string AppId, string Name, string ExternalValue, List<SeedEntitlementValue> Values, string? Description = null);

public sealed record SeedEntitlementValue(string Id, string Name, string ExternalValue, string? Description = null);

/// <summary>
/// A grant; Values maps an entitlement id to its granted value ids. Status is one of Okta's grant statuses (ACTIVE, SCHEDULED,
/// INACTIVE, EXPIRED); only ACTIVE grants count as held, and Okta's grant list shows only ACTIVE ones (see
/// <see cref="State.SandboxState.ListGrantsOfEveryStatus"/>).
/// </summary>
public sealed record SeedGrant(
    string Id, string GrantType, string AppId, string UserId, Dictionary<string, List<string>> Values, string Actor = "API", string? EntitlementBundleId = null,
    string Status = "ACTIVE")
{
    /// <summary>The statuses of Okta's grant-status schema.</summary>
    public static readonly IReadOnlyList<string> Statuses = ["ACTIVE", "SCHEDULED", "INACTIVE", "EXPIRED"];
}
