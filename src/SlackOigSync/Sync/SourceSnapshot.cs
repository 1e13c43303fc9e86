namespace SlackOigSync.Sync;

/// <summary>The three sources as one run read them, completely: Slack's role holders, the Okta app's users, and OIG's entitlement (null if missing), values and grants.</summary>
public sealed record SourceSnapshot(
    SlackRoleHolders Holders,
    AppUserIndex AppUsers,
    FoundEntitlement? Entitlement,
    IReadOnlyDictionary<string, CurrentValue> Values,
    IReadOnlyList<CurrentGrant> Grants);

/// <summary>The managed entitlement as OIG listed it.</summary>
public sealed record FoundEntitlement(string Id, string Name);
