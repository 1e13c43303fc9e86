namespace SlackOigSync.Sandbox.State;

/// <summary>One row of admin.roles.listAssignments. Sequence gives a stable keyset order for cursors.</summary>
public sealed record SlackRoleAssignment(long Sequence, string RoleId, string EntityId, string UserId, long DateCreate);
