namespace SlackOigSync.Sync;

/// <summary>
/// Who is who in one run: today's resolution, the identity map with the memory of earlier runs, the grants it
/// protects for unresolved holders, and the holders whose link moved to another Okta user.
/// </summary>
public sealed record RunPeople(
    UserResolution Resolution,
    IdentityMap Identities,
    IReadOnlyList<ProtectedGrant> Protected,
    IReadOnlyDictionary<string, string> UnattributedRoles,
    IReadOnlyList<MovedLink> Moved);
