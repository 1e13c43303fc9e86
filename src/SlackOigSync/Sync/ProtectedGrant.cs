namespace SlackOigSync.Sync;

/// <summary>A user × role the plan must not revoke, because the Slack holder it belongs to is unresolved today.</summary>
public sealed record ProtectedGrant(string OktaUserId, string RoleId, string SlackUserId, string? Email, string Reason);
