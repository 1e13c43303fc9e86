namespace SlackOigSync.Configuration;

/// <summary>Configuration section "Sync".</summary>
public sealed class SyncSettings
{
    public string DatabasePath { get; set; } = "data/slack-oig-sync.db";
    public string RoleCataloguePath { get; set; } = "config/slack-roles.json";
    public string EntitlementName { get; set; } = "Slack System Role";
    public string EntitlementExternalValue { get; set; } = "slack_system_role";

    /// <summary>Grant and revoke calls in flight at once.</summary>
    public int WriteConcurrency { get; set; } = 4;

    /// <summary>users.info and Okta searches in flight at once, for Slack users not matched through the app's users.</summary>
    public int LookupConcurrency { get; set; } = 4;
}
