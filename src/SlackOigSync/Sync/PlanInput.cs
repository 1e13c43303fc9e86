namespace SlackOigSync.Sync;

/// <summary>Everything the planner needs, already read: Slack's truth (resolved to Okta users) and OIG's state.</summary>
public sealed record PlanInput(
    IReadOnlyCollection<DesiredUser> Desired,
    IReadOnlySet<string> SlackRoleIds,
    IReadOnlyDictionary<string, string> RoleNames,
    IEnumerable<CurrentValue> Values,
    IReadOnlyCollection<CurrentGrant> Grants)
{
    public RevocationGuard Guard { get; init; } = RevocationGuard.Default;
}
