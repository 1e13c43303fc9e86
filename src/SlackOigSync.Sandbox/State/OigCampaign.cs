using System.Text.Json.Nodes;

namespace SlackOigSync.Sandbox.State;

/// <summary>
/// An OIG access certification campaign. The settings the caller sent are kept as JSON (with the spec's defaults filled
/// in) so that they read back as Okta echoes them; the parts the sandbox acts on are parsed beside them.
/// </summary>
public sealed class OigCampaign
{
    public required string Id { get; init; }
    public required long Sequence { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public string CampaignType { get; init; } = "RESOURCE";

    /// <summary>SCHEDULED → ACTIVE (launch) → COMPLETED (end), as Okta's campaign-status enum names them.</summary>
    public string Status { get; set; } = "SCHEDULED";

    /// <summary>ONE_OFF or RECURRING. A recurring campaign stays SCHEDULED; each launch makes a ONE_OFF instance of it.</summary>
    public required string ScheduleType { get; init; }
    public required DateTimeOffset StartDate { get; init; }
    public required double DurationInDays { get; init; }
    public required TimeZoneInfo TimeZone { get; init; }
    public JsonObject? Recurrence { get; init; }

    /// <summary>For an instance launched from a recurring campaign: that campaign's id.</summary>
    public string? RecurringCampaignId { get; init; }

    public required JsonObject ResourceSettings { get; init; }
    public required JsonObject PrincipalScopeSettings { get; init; }
    public required JsonObject ReviewerSettings { get; init; }
    public required JsonObject RemediationSettings { get; init; }
    public JsonObject? NotificationSettings { get; init; }

    public required string ReviewerType { get; init; }

    /// <summary>The reviewer of every review: reviewerId for USER, fallBackReviewerId otherwise (the sandbox knows no managers or owners).</summary>
    public required string ReviewerId { get; init; }
    public string? FallBackReviewerId { get; init; }
    public bool SelfReviewDisabled { get; init; }

    public required List<CampaignTarget> Targets { get; init; }
    public HashSet<string> ExcludedUserIds { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Empty: every principal holding a targeted value.</summary>
    public HashSet<string> UserIds { get; init; } = new(StringComparer.Ordinal);
    public bool IncludeOnlyActiveUsers { get; init; }

    /// <summary>DENY or NO_ACTION.</summary>
    public required string AccessRevoked { get; init; }

    /// <summary>DENY or NO_ACTION.</summary>
    public required string NoResponse { get; init; }

    public DateTimeOffset Created { get; init; }
    public DateTimeOffset LastUpdated { get; set; }
    public List<CampaignReview> Reviews { get; } = [];

    public DateTimeOffset EndDate => StartDate.AddDays(DurationInDays);

    public static string Key(long sequence) => sequence.ToString("D12", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// One app under review. <see cref="Entitlements"/> maps entitlement id → the value ids under review, null meaning every
/// value (includeAllValues); <see cref="AllEntitlements"/> is includeAllEntitlementsAndBundles. Resolved at launch, so
/// values created between creation and launch are reviewed too.
/// </summary>
public sealed record CampaignTarget(string AppId, bool AllEntitlements, Dictionary<string, List<string>?> Entitlements);

/// <summary>One principal's access to one entitlement value, for one reviewer to APPROVE or REVOKE.</summary>
public sealed class CampaignReview
{
    public required string Id { get; init; }
    public required string CampaignId { get; init; }
    public required string PrincipalUserId { get; init; }
    public required string AppId { get; init; }
    public required string EntitlementId { get; init; }
    public required string ValueId { get; init; }

    /// <summary>The value's externalValue: the Slack role id for the synced entitlement.</summary>
    public required string ValueExternalValue { get; init; }
    public required string ReviewerId { get; init; }

    /// <summary>UNREVIEWED, APPROVE or REVOKE, as Okta's reviews name them.</summary>
    public string Decision { get; set; } = "UNREVIEWED";
    public DateTimeOffset? Decided { get; set; }

    /// <summary>Null until the campaign ends; then NONE (nothing to do), SUCCESS (revoked) or MANUAL (still held through a grant remediation does not touch).</summary>
    public string? RemediationStatus { get; set; }
}
