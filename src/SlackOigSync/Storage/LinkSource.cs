namespace SlackOigSync.Storage;

/// <summary>How a Slack user was linked to an Okta user.</summary>
public enum LinkSource
{
    /// <summary>The Slack app's Okta app user carries the Slack id as its externalId.</summary>
    ExternalId,

    /// <summary>Slack's email matched exactly one Okta user.</summary>
    Email,

    /// <summary>Backfilled on migration from an ADD_GRANT row of the audit trail.</summary>
    AuditTrail,
}
