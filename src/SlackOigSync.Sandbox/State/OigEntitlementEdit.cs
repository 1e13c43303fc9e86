namespace SlackOigSync.Sandbox.State;

/// <summary>One checked operation of an entitlement PATCH, applied by <see cref="OigEntitlementChanges.Apply"/>.</summary>
public abstract record OigEntitlementEdit;

/// <summary>ADD /values/-: a new value (its id already drawn).</summary>
public sealed record AddEntitlementValue(OigEntitlementValue Value) : OigEntitlementEdit;

/// <summary>REPLACE /values/{id}: a null name or description keeps the value's own.</summary>
public sealed record UpdateEntitlementValue(OigEntitlementValue Value, string? Name, string? Description) : OigEntitlementEdit;

/// <summary>REMOVE /values/{id}: the value goes, and with it every grant's hold on it.</summary>
public sealed record RemoveEntitlementValue(OigEntitlementValue Value) : OigEntitlementEdit;

/// <summary>ADD or REPLACE /name: a null name keeps the entitlement's own.</summary>
public sealed record RenameEntitlement(string? Name) : OigEntitlementEdit;

/// <summary>ADD or REPLACE /description (null clears it), or REMOVE /description.</summary>
public sealed record DescribeEntitlement(string? Description) : OigEntitlementEdit;
