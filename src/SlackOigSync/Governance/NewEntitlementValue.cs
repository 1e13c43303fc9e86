namespace SlackOigSync.Governance;

/// <summary>An entitlement value to create or rename: its display name, its external value (the Slack role id) and a description.</summary>
public sealed record NewEntitlementValue(string Name, string ExternalValue, string? Description);
