namespace SlackOigSync.Configuration;

/// <summary>How role holders not linked through the Okta app's externalId are resolved (Sync:BulkLookup).</summary>
public enum BulkLookupMode
{
    /// <summary>Bulk listings when they cost fewer calls than one users.info and one Okta search per user (estimated from the app's user count).</summary>
    Auto,

    /// <summary>Always list Slack's and Okta's users in bulk.</summary>
    Always,

    /// <summary>Always look users up one by one.</summary>
    Never,
}
