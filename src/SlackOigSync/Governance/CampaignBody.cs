using System.Globalization;
using SlackOigSync.Configuration;

namespace SlackOigSync.Governance;

/// <summary>
/// Turns the Campaign settings into Okta's createCampaign body: a RESOURCE campaign over every value of the Slack
/// entitlement on the Slack app, reviewed by the manager (user.profile.managerId) with a fallback, a named user, or the
/// resource owner; "revoke" decisions remediate with DENY (the grant is revoked), approvals change nothing.
/// </summary>
public static class CampaignBody
{
    /// <summary>The settings' problems, one sentence each; empty when a body can be built.</summary>
    public static List<string> Problems(CampaignSettings settings, string name)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 255)
        {
            problems.Add("--name must be 1 to 255 characters (Okta's limit on a campaign name).");
        }

        if (settings.StartDate is { Length: > 0 } start && !DateTimeOffset.TryParse(start, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            problems.Add($"Campaign:StartDate '{start}' is not an ISO 8601 date-time. Use e.g. 2027-01-04T09:00:00+01:00, or leave it empty for the next whole hour.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(settings.TimeZone, out _))
        {
            problems.Add($"Campaign:TimeZone '{settings.TimeZone}' is not an IANA time zone. Use e.g. UTC or Europe/Paris.");
        }

        var longest = MaxDays(settings.Recurrence);
        if (settings.DurationInDays < 1 || settings.DurationInDays > longest)
        {
            problems.Add($"Campaign:DurationInDays ({settings.DurationInDays}) must be between 1 and {longest}{(settings.Recurrence == CampaignRecurrence.None ? string.Empty : $": a {settings.Recurrence} campaign must end before the next one starts")}.");
        }

        if (settings.Reviewer == CampaignReviewer.User && !IsOktaUserId(settings.ReviewerId))
        {
            problems.Add("Campaign:Reviewer is User, so Campaign:ReviewerId must be the Okta user id (00u…) of the reviewer.");
        }

        if (settings.Reviewer != CampaignReviewer.User && !IsOktaUserId(settings.FallbackReviewerId))
        {
            problems.Add($"Campaign:Reviewer is {settings.Reviewer}, so Campaign:FallbackReviewerId must be the Okta user id (00u…) who reviews when {(settings.Reviewer == CampaignReviewer.Manager ? "a user has no manager" : "the app has no owner")}.");
        }

        return problems;
    }

    public static OigCampaignCreate Build(CampaignSettings settings, string name, string appId, string entitlementId, DateTimeOffset now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone);
        var start = settings.StartDate is { Length: > 0 } given
            ? DateTimeOffset.Parse(given, CultureInfo.InvariantCulture, DateTimeStyles.None)
            : new DateTimeOffset(now.UtcDateTime.Date.AddHours(now.UtcDateTime.Hour + 1), TimeSpan.Zero);
        var recurring = settings.Recurrence != CampaignRecurrence.None;
        return new OigCampaignCreate(
            name,
            $"Certification of Slack Enterprise Grid system roles, created by slack-oig-sync{(recurring ? $" ({settings.Recurrence.ToString().ToLowerInvariant()})" : string.Empty)}.",
            "RESOURCE",
            new OigScheduleSettings(
                recurring ? "RECURRING" : "ONE_OFF",
                TimeZoneInfo.ConvertTime(start, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                settings.DurationInDays,
                settings.TimeZone,
                recurring ? new OigRecurrence(Interval(settings.Recurrence)) : null),
            new OigResourceSettings(["APPLICATION"], IncludeEntitlements: true, [new OigTargetResource(appId, "APPLICATION", [new OigCampaignEntitlement(entitlementId, IncludeAllValues: true)])]),
            new OigPrincipalScopeSettings("USERS"),
            settings.Reviewer switch
            {
                CampaignReviewer.User => new OigReviewerSettings("USER", ReviewerId: settings.ReviewerId),
                CampaignReviewer.ResourceOwner => new OigReviewerSettings("RESOURCE_OWNER", FallBackReviewerId: settings.FallbackReviewerId),
                _ => new OigReviewerSettings("REVIEWER_EXPRESSION", ReviewerScopeExpression: "user.profile.managerId", FallBackReviewerId: settings.FallbackReviewerId),
            },
            new OigRemediationSettings("NO_ACTION", "DENY", settings.RevokeOnNoResponse ? "DENY" : "NO_ACTION"));
    }

    /// <summary>Whether the campaign reviews the Slack entitlement on the Slack app.</summary>
    public static bool Covers(OigCampaign campaign, string appId, string? entitlementId) =>
        campaign.ResourceSettings?.TargetResources?.Any(t => t.ResourceId == appId
            && (entitlementId is null || t.Entitlements is null || t.Entitlements.Count == 0 || t.Entitlements.Any(e => e.Id == entitlementId))) == true;

    private static string Interval(CampaignRecurrence recurrence) => recurrence switch
    {
        CampaignRecurrence.Monthly => "P1M",
        CampaignRecurrence.Quarterly => "P3M",
        CampaignRecurrence.SemiAnnually => "P6M",
        _ => "P1Y",
    };

    /// <summary>The longest campaign that ends before the next one starts (the shortest month, quarter, half-year or year).</summary>
    private static int MaxDays(CampaignRecurrence recurrence) => recurrence switch
    {
        CampaignRecurrence.Monthly => 28,
        CampaignRecurrence.Quarterly => 89,
        CampaignRecurrence.SemiAnnually => 181,
        CampaignRecurrence.Annually => 365,
        _ => 365,
    };

    private static bool IsOktaUserId(string? id) => id is { Length: > 3 } && id.StartsWith("00u", StringComparison.Ordinal) && id.All(char.IsLetterOrDigit);
}
