namespace SlackOigSync.Sync;

/// <summary>A planned revocation not applied because Slack's confirming read still shows the role held.</summary>
public sealed record HeldRevocation(string OktaUserId, string RoleId, IReadOnlyList<string> SlackUserIds, string Reason);
