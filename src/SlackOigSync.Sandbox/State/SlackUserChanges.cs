namespace SlackOigSync.Sandbox.State;

/// <summary>Adding or changing a Slack member, as the control API plays it. Call with the state's lock held.</summary>
public static class SlackUserChanges
{
    /// <summary>
    /// Changes the member's name, email, deleted and bot flags, or adds the member (on <paramref name="teamId"/>, else
    /// the sandbox's workspace). An existing member keeps its team and admin and owner flags.
    /// </summary>
    public static void Put(SandboxState state, string id, string name, string? email, bool deleted, bool isBot, string? teamId)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.SlackUsers.Find(id) is { } existing)
        {
            existing.Name = name;
            existing.Email = email;
            existing.Deleted = deleted;
            existing.IsBot = isBot;
        }
        else
        {
            state.SlackUsers.Add(id, new SlackUser { Id = id, Name = name, Email = email, Deleted = deleted, IsBot = isBot, TeamId = teamId ?? "T0SANDBOX01" });
        }
    }
}
