namespace SlackOigSync.Sync;

/// <summary>The texts the sync writes on the entitlement it owns and on its values, in one place.</summary>
public static class ManagedEntitlement
{
    public const string Description = "Slack Enterprise Grid system roles, kept in step with Slack by slack-oig-sync";

    public static string ValueDescription(string roleId) => $"Slack system role {roleId}, synced from Slack by slack-oig-sync";
}
