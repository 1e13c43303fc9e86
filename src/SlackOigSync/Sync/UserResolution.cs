namespace SlackOigSync.Sync;

/// <summary>How each Slack role holder maps to Okta, and who could not be mapped and why.</summary>
public sealed record UserResolution(
    IReadOnlyDictionary<string, ResolvedUser> Resolved,
    IReadOnlyList<UnresolvedUser> NotInOkta,
    IReadOnlyList<string> DeletedSlackUsers,
    IReadOnlyList<string> BotSlackUsers,
    IReadOnlyList<ResolvedUser> NotAssignedToApp,
    int LookedUp);

public sealed record ResolvedUser(string SlackUserId, string OktaUserId, string? Email, string ResolvedBy);

/// <summary>A Slack role holder with no Okta user; Identifier is their email, or their Slack id when Slack has no email.</summary>
public sealed record UnresolvedUser(string SlackUserId, string? Email, string Reason)
{
    public string Identifier => Email ?? SlackUserId;
}
