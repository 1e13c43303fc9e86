namespace SlackOigSync.Sandbox.State;

/// <summary>
/// What admin.roles.addAssignments and admin.roles.removeAssignments do to the Slack org, once their ids are checked.
/// Call with the state's lock held.
/// </summary>
public static class SlackRoleChanges
{
    /// <summary>Assigns the role to every user × entity pair not yet holding it.</summary>
    public static void Assign(SandboxState state, string roleId, IReadOnlyList<string> userIds, IReadOnlyList<string> entityIds)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentNullException.ThrowIfNull(entityIds);
        foreach (var user in userIds)
        {
            foreach (var entity in entityIds)
            {
                if (!state.Assignments.All.Any(a => a.RoleId == roleId && a.UserId == user && a.EntityId == entity))
                {
                    state.AddAssignment(roleId, user, entity);
                }
            }
        }
    }

    /// <summary>Takes the role from every user × entity pair (a pair not holding it is left as it is).</summary>
    public static void Unassign(SandboxState state, string roleId, IReadOnlyList<string> userIds, IReadOnlyList<string> entityIds)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentNullException.ThrowIfNull(entityIds);
        foreach (var user in userIds)
        {
            foreach (var entity in entityIds)
            {
                state.RemoveAssignments(roleId, user, entity);
            }
        }
    }
}
