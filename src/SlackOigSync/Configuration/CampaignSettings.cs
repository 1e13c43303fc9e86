namespace SlackOigSync.Configuration;

/// <summary>
/// Configuration section "Campaign": the access certification campaign 'campaign create' makes over the Slack
/// entitlement's values. The defaults follow the seed guide: quarterly, each user's manager reviews, with a fallback
/// reviewer for users without one, and a "revoke" decision revokes the grant in OIG.
/// </summary>
public sealed class CampaignSettings
{
    /// <summary>When the first campaign starts (ISO 8601 with an offset); empty means the next whole hour.</summary>
    public string? StartDate { get; set; }

    /// <summary>How many days reviewers have (1 to the recurrence's length).</summary>
    public int DurationInDays { get; set; } = 14;

    /// <summary>How often a new campaign starts.</summary>
    public CampaignRecurrence Recurrence { get; set; } = CampaignRecurrence.Quarterly;

    /// <summary>The IANA time zone the schedule is read in.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Who reviews each user's Slack roles.</summary>
    public CampaignReviewer Reviewer { get; set; } = CampaignReviewer.Manager;

    /// <summary>The Okta user id (00u…) who reviews everything when Reviewer is User.</summary>
    public string? ReviewerId { get; set; }

    /// <summary>The Okta user id (00u…) who reviews when a user has no manager (Manager) or the app no owner (ResourceOwner).</summary>
    public string? FallbackReviewerId { get; set; }

    /// <summary>Revoke the grant when nobody decided by the end (the default leaves it).</summary>
    public bool RevokeOnNoResponse { get; set; }
}

/// <summary>How often a campaign recurs; None makes a one-off campaign.</summary>
public enum CampaignRecurrence
{
    None,
    Monthly,
    Quarterly,
    SemiAnnually,
    Annually,
}

/// <summary>Who reviews: the user's manager (user.profile.managerId), one named Okta user, or the app's resource owner.</summary>
public enum CampaignReviewer
{
    Manager,
    User,
    ResourceOwner,
}
