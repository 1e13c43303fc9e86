using System.Text.Json;
using System.Text.Json.Serialization;

namespace SlackOigSync.Governance;

// Okta Identity Governance access certification campaigns, as in Okta's governance OpenAPI spec (campaign-mutable to
// create, campaign-sparse in lists, campaign-full from get). Only the fields the worker sends or reads.

public sealed record OigCampaignCreate(
    string Name,
    string? Description,
    string CampaignType,
    OigScheduleSettings ScheduleSettings,
    OigResourceSettings ResourceSettings,
    OigPrincipalScopeSettings PrincipalScopeSettings,
    OigReviewerSettings ReviewerSettings,
    OigRemediationSettings RemediationSettings);

public sealed record OigScheduleSettings(string Type, string StartDate, int DurationInDays, string TimeZone, OigRecurrence? Recurrence = null);

public sealed record OigRecurrence(string Interval);

/// <summary>targetTypes and includeEntitlements as the spec's entitlement-campaign examples send them (includeEntitlements defaults to false: an app-assignment review).</summary>
public sealed record OigResourceSettings(List<string> TargetTypes, bool IncludeEntitlements, List<OigTargetResource> TargetResources);

public sealed record OigTargetResource(string ResourceId, string ResourceType, List<OigCampaignEntitlement> Entitlements);

public sealed record OigCampaignEntitlement(string Id, bool IncludeAllValues);

public sealed record OigPrincipalScopeSettings(string Type);

public sealed record OigReviewerSettings(string Type, string? ReviewerId = null, string? ReviewerScopeExpression = null, string? FallBackReviewerId = null);

public sealed record OigRemediationSettings(string AccessApproved, string AccessRevoked, string NoResponse);

/// <summary>A campaign as lists (sparse) and get (full) return it: the fields both carry, plus resourceSettings from get.</summary>
public sealed record OigCampaign(
    string Id,
    string Name,
    string Status,
    string? ScheduleType = null,
    string? StartDate = null,
    string? EndDate = null,
    string? ReviewerType = null,
    string? RecurringCampaignId = null,
    OigCampaignSchedule? ScheduleSettings = null,
    OigCampaignResources? ResourceSettings = null)
{
    /// <summary>Created and not launched yet: the only status Okta launches from.</summary>
    [JsonIgnore]
    public bool IsScheduled => Status == "SCHEDULED";

    /// <summary>Reviewers are deciding now.</summary>
    [JsonIgnore]
    public bool IsActive => Status == "ACTIVE";

    /// <summary>How it is scheduled, for people: "ONE_OFF", or "RECURRING" with its interval.</summary>
    [JsonIgnore]
    public string? ScheduleText => ScheduleSettings?.Type is "RECURRING" ? $"RECURRING {ScheduleSettings.Recurrence?.Interval}" : ScheduleSettings?.Type ?? ScheduleType;
}

public sealed record OigCampaignSchedule(string? Type = null, string? StartDate = null, string? EndDate = null, OigRecurrence? Recurrence = null);

public sealed record OigCampaignResources(List<OigCampaignTarget>? TargetResources = null);

public sealed record OigCampaignTarget(string ResourceId, List<OigCampaignEntitlement>? Entitlements = null);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(OigCampaignCreate))]
[JsonSerializable(typeof(OigCampaign))]
[JsonSerializable(typeof(OigList<OigCampaign>))]
internal sealed partial class CampaignJsonContext : JsonSerializerContext;
