using SlackOigSync.Storage;

namespace SlackOigSync.Sync;

/// <summary>
/// How each Slack role holder maps to Okta this run. Every holder is in exactly one of: resolved, unresolved (with
/// its reason), deleted in Slack, bot.
/// </summary>
public sealed record UserResolution(
    IReadOnlyDictionary<string, ResolvedUser> Resolved,
    IReadOnlyList<UnresolvedUser> Unresolved,
    IReadOnlyList<string> DeletedSlackUsers,
    IReadOnlyList<string> BotSlackUsers,
    IReadOnlyList<ResolvedUser> NotAssignedToApp,
    int LookedUp)
{
    public IEnumerable<UnresolvedUser> Conflicts => Unresolved.Where(u => u.Reason == UnresolvedReason.Conflict);
}

public sealed record ResolvedUser(string SlackUserId, string OktaUserId, string? Email, LinkSource ResolvedBy);

/// <summary>
/// A Slack role holder not matched to an Okta user this run; Identifier is their email, or their Slack id when Slack
/// has no email. Candidates are the Okta users of a conflict.
/// </summary>
public sealed record UnresolvedUser(string SlackUserId, string? Email, UnresolvedReason Reason, string Detail)
{
    public IReadOnlyList<string> Candidates { get; init; } = [];

    public string Identifier => Email ?? SlackUserId;
}
