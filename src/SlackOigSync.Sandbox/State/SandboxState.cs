namespace SlackOigSync.Sandbox.State;

/// <summary>
/// Everything the emulated Slack org, Okta org and OIG hold. One lock guards it all: the sandbox favours
/// obviously-correct consistency over throughput, and every handler holds the lock only for in-memory work.
/// </summary>
public sealed class SandboxState(IdFactory ids, TimeProvider clock)
{
    public Lock Gate { get; } = new();

    public IdFactory Ids { get; } = ids;

    public TimeProvider Clock { get; } = clock;

    public string OrgId { get; set; } = "00o1sandboxorg000001";

    public string EnterpriseId { get; set; } = "E0SANDBOX01";

    /// <summary>The Okta app that represents Slack: its app users carry Slack ids, its entitlements are synced.</summary>
    public string SlackAppId { get; set; } = string.Empty;

    public bool EnterpriseGrid { get; set; } = true;

    public OrderedStore<SlackUser> SlackUsers { get; } = new();

    /// <summary>Keyed by <see cref="AssignmentKey"/>, so ordinal key order is date_create order.</summary>
    public OrderedStore<SlackRoleAssignment> Assignments { get; } = new();

    public OrderedStore<OktaUser> OktaUsers { get; } = new();

    /// <summary>App id → that app's assigned users keyed by Okta user id.</summary>
    public Dictionary<string, OrderedStore<OktaAppUser>> AppUsers { get; } = new(StringComparer.Ordinal);

    /// <summary>Apps whose entitlement management (Governance Engine) is on; others answer 404 on entitlement calls.</summary>
    public HashSet<string> GovernanceEnabledApps { get; } = new(StringComparer.Ordinal);

    public OrderedStore<OigEntitlement> Entitlements { get; } = new();

    public OrderedStore<OigGrant> Grants { get; } = new();

    /// <summary>
    /// False (faithful): GET /grants lists ACTIVE grants only, as Okta's spec says ("Lists active grants"). True plays a
    /// tenant that lists SCHEDULED, INACTIVE and EXPIRED grants too, each with its status, so a client's own status check
    /// can be tested.
    /// </summary>
    public bool ListGrantsOfEveryStatus { get; set; }

    /// <summary>Access certification campaigns keyed by <see cref="OigCampaign.Key"/>, so key order is creation order.</summary>
    public OrderedStore<OigCampaign> Campaigns { get; } = new();

    /// <summary>Every (principal, value) a revocation actually took away, in order: what safety checks audit.</summary>
    public List<(string UserId, string ValueId)> RevocationLog { get; } = [];

    private long _nextSequence;

    private long _nextCampaignSequence;

    public long NextCampaignSequence() => ++_nextCampaignSequence;

    public static string AssignmentKey(SlackRoleAssignment a) => $"{a.DateCreate:D12}:{a.Sequence:D12}";

    public string UserOrn(string userId) => $"orn:okta:directory:{OrgId}:users:{userId}";

    public string ValueOrn(string valueId) => $"orn:okta:governance:{OrgId}:entitlement-values:{valueId}";

    public string AppOrn(string appId) => $"orn:okta:idp:{OrgId}:apps:slack:{appId}";

    public bool AppExists(string appId) => AppUsers.ContainsKey(appId);

    public void AddApp(string appId, bool governanceEnabled = true)
    {
        AppUsers.TryAdd(appId, new OrderedStore<OktaAppUser>());
        if (governanceEnabled)
        {
            GovernanceEnabledApps.Add(appId);
        }
    }

    /// <summary>Turns an app's entitlement management (Governance Engine) on or off.</summary>
    public void SetGovernanceEnabled(string appId, bool enabled)
    {
        if (enabled)
        {
            GovernanceEnabledApps.Add(appId);
        }
        else
        {
            GovernanceEnabledApps.Remove(appId);
        }
    }

    public SlackRoleAssignment AddAssignment(string roleId, string userId, string entityId, long? dateCreate = null)
    {
        var assignment = new SlackRoleAssignment(
            ++_nextSequence, roleId, entityId, userId, dateCreate ?? Clock.GetUtcNow().ToUnixTimeSeconds());
        Assignments.Add(AssignmentKey(assignment), assignment);
        return assignment;
    }

    /// <summary>Removes matching assignments (any entity when <paramref name="entityId"/> is null) and says how many went.</summary>
    public int RemoveAssignments(string roleId, string userId, string? entityId)
    {
        var doomed = Assignments.All
            .Where(a => a.RoleId == roleId && a.UserId == userId && (entityId is null || a.EntityId == entityId))
            .ToList();
        foreach (var a in doomed)
        {
            Assignments.Remove(AssignmentKey(a));
        }

        return doomed.Count;
    }

    public OigCampaign? FindCampaign(string id) => Campaigns.All.FirstOrDefault(c => c.Id == id);

    public (OigEntitlement Entitlement, OigEntitlementValue Value)? FindValue(string valueId)
    {
        foreach (var e in Entitlements.All)
        {
            var v = e.Values.Find(x => x.Id == valueId);
            if (v is not null)
            {
                return (e, v);
            }
        }

        return null;
    }
}
