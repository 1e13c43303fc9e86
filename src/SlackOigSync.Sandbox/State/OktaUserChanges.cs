namespace SlackOigSync.Sandbox.State;

/// <summary>Replacing Okta users and their app assignments, as the control API plays it. Call with the state's lock held.</summary>
public static class OktaUserChanges
{
    /// <summary>Stores the user, replacing any of the same id.</summary>
    public static void Put(SandboxState state, OktaUser user)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(user);
        state.OktaUsers.Remove(user.Id);
        state.OktaUsers.Add(user.Id, user);
    }

    /// <summary>Assigns the user to the app (replacing any assignment), its user name the user's login; false when the app or user is unknown.</summary>
    public static bool PutAppUser(SandboxState state, string appId, string userId, string? externalId, string status, string scope)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.AppUsers.TryGetValue(appId, out var store) || state.OktaUsers.Find(userId) is not { } user)
        {
            return false;
        }

        store.Remove(userId);
        store.Add(userId, new OktaAppUser { AppId = appId, UserId = userId, ExternalId = externalId, UserName = user.Login, Status = status, Scope = scope });
        return true;
    }

    /// <summary>Unassigns the user from the app; false when there was no such assignment.</summary>
    public static bool RemoveAppUser(SandboxState state, string appId, string userId)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.AppUsers.TryGetValue(appId, out var store) && store.Remove(userId);
    }
}
