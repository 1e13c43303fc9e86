namespace SlackOigSync.Sync;

/// <summary>An Okta user and the Slack system roles Slack says they hold (user × role; entities collapsed).</summary>
public sealed record DesiredUser(string OktaUserId, string SlackUserId, string? Email, IReadOnlySet<string> RoleIds);
