namespace SlackOigSync.Sync;

/// <summary>An existing value of the managed entitlement; RoleId is its externalValue.</summary>
public sealed record CurrentValue(string ValueId, string RoleId, string Name, string? Orn);
