namespace SlackOigSync.Sync;

/// <summary>Why a Slack role holder could not be matched to one Okta user this run.</summary>
public enum UnresolvedReason
{
    /// <summary>No Okta user has the holder's Slack email.</summary>
    NotInOkta,

    /// <summary>Slack gave no email for the holder.</summary>
    NoEmail,

    /// <summary>Several Okta users claim the holder (the same externalId on the Slack app, or the same email).</summary>
    Conflict,

    /// <summary>Slack's users.info answered user_not_found for a user its role listing names.</summary>
    NotFoundInSlack,
}
