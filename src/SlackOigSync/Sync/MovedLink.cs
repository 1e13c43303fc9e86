using SlackOigSync.Storage;

namespace SlackOigSync.Sync;

/// <summary>A Slack user who resolved to another Okta user than the one remembered: reported, and counted by the guard.</summary>
public sealed record MovedLink(string SlackUserId, string? Email, string FromOktaUserId, string ToOktaUserId, LinkSource ResolvedBy, IReadOnlySet<string> RoleIds);
