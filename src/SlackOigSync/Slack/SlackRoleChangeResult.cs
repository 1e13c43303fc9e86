namespace SlackOigSync.Slack;

/// <summary>What Slack refused in a role change: user ids and entity ids, each with Slack's reason. Everything else was applied.</summary>
public sealed record SlackRoleChangeResult(IReadOnlyDictionary<string, string> RejectedUsers, IReadOnlyDictionary<string, string> RejectedEntities)
{
    public static readonly SlackRoleChangeResult None = new(new Dictionary<string, string>(), new Dictionary<string, string>());
}
