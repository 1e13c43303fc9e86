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

    /// <summary>
    /// How role holders not linked through the Okta app's externalId are resolved: Auto lists Slack's and Okta's users in
    /// bulk (admin.users.list, 1,000 per page; /api/v1/users, 200 per page) when that costs fewer calls than one
    /// users.info and one Okta search each; Always and Never force either way.
    /// </summary>
    public BulkLookupMode BulkLookup { get; set; } = BulkLookupMode.Auto;

    /// <summary>Mass-revocation guard: the largest share of managed user × role grants one run may revoke.</summary>
    public double MaxRevocationShare { get; set; } = 0.20;

    /// <summary>Mass-revocation guard: the largest number of user × role grants one run may revoke.</summary>
    public int MaxRevocations { get; set; } = 50;

    /// <summary>Lets one run revoke past the guard (the --allow-mass-revocation flag sets it for one run).</summary>
    public bool AllowMassRevocation { get; set; }

    /// <summary>
    /// What to do when a grant the sync knew is gone from OIG while Slack still lists the role (a reviewer or an admin
    /// revoked it in OIG): Report (the default), RemoveFromSlack or Regrant.
    /// </summary>
    public OigRevocationMode OnOigRevocation { get; set; } = OigRevocationMode.Report;

    /// <summary>How long a run's lease on the database lasts without renewal (renewed every third of it).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(10);
}
