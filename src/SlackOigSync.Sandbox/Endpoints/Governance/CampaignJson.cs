using System.Globalization;
using System.Text.Json.Nodes;
using SlackOigSync.Sandbox.State;
using SlackOigSync.Sandbox.Endpoints.Okta;

namespace SlackOigSync.Sandbox.Endpoints.Governance;

/// <summary>Campaign wire shapes as in Okta's governance spec: campaign-full (create, get) and campaign-sparse (list).</summary>
internal static class CampaignJson
{
    private const string Creator = "00u1sandboxadmin0001";

    /// <summary>A date-time in the campaign's time zone, as Okta echoes startDate and endDate ("2024-10-04T10:15:23-04:00").</summary>
    public static string ZonedTime(DateTimeOffset t, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(t, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static JsonObject Full(OigCampaign c, HttpContext context)
    {
        var schedule = new JsonObject
        {
            ["type"] = c.ScheduleType,
            ["startDate"] = ZonedTime(c.StartDate, c.TimeZone),
            ["durationInDays"] = c.DurationInDays,
            ["timeZone"] = c.TimeZone.Id,
            ["endDate"] = ZonedTime(c.EndDate, c.TimeZone),
        };
        if (c.Recurrence is not null)
        {
            schedule["recurrence"] = c.Recurrence.DeepClone();
        }

        var json = Standard(c);
        json["name"] = c.Name;
        if (c.Description is not null)
        {
            json["description"] = c.Description;
        }

        json["campaignType"] = c.CampaignType;
        json["status"] = c.Status;
        json["scheduleSettings"] = schedule;
        json["resourceSettings"] = c.ResourceSettings.DeepClone();
        json["principalScopeSettings"] = c.PrincipalScopeSettings.DeepClone();
        json["reviewerSettings"] = c.ReviewerSettings.DeepClone();
        if (c.NotificationSettings is not null)
        {
            json["notificationSettings"] = c.NotificationSettings.DeepClone();
        }

        json["remediationSettings"] = c.RemediationSettings.DeepClone();
        if (c.RecurringCampaignId is not null)
        {
            json["recurringCampaignId"] = c.RecurringCampaignId;
        }

        json["_links"] = Links(c, context);
        return json;
    }

    public static JsonObject Sparse(OigCampaign c, HttpContext context)
    {
        var json = Standard(c);
        json["name"] = c.Name;
        if (c.Description is not null)
        {
            json["description"] = c.Description;
        }

        json["scheduleType"] = c.ScheduleType;
        json["startDate"] = ZonedTime(c.StartDate, c.TimeZone);
        json["endDate"] = ZonedTime(c.EndDate, c.TimeZone);
        json["reviewerType"] = c.ReviewerType;
        if (c.RecurringCampaignId is not null)
        {
            json["recurringCampaignId"] = c.RecurringCampaignId;
        }

        json["status"] = c.Status;
        json["_links"] = Links(c, context);
        return json;
    }

    public static string Path(string id) => $"/governance/api/v1/campaigns/{id}";

    /// <summary>The campaign's URL, as the Location header of launch and end answers names it.</summary>
    public static string Location(HttpContext context, string id) => OktaJson.Href(context, Path(id))["href"]!.GetValue<string>();

    /// <summary>The control API's view of a campaign: its id, name, status and every review.</summary>
    public static JsonObject Summary(OigCampaign campaign, SandboxState state) => new()
    {
        ["id"] = campaign.Id,
        ["name"] = campaign.Name,
        ["status"] = campaign.Status,
        ["reviews"] = new JsonArray([.. campaign.Reviews.Select(r => (JsonNode)Review(r, state))]),
    };

    /// <summary>The control API's answer to ending a campaign: its <see cref="Summary"/> and what remediation revoked.</summary>
    public static JsonObject EndSummary(OigCampaign campaign, SandboxState state)
    {
        var summary = Summary(campaign, state);
        summary["revoked"] = new JsonArray([.. campaign.Reviews.Where(r => r.RemediationStatus == "SUCCESS").Select(r => (JsonNode)new JsonObject
        {
            ["oktaUserId"] = r.PrincipalUserId,
            ["roleId"] = r.ValueExternalValue,
            ["entitlementValueId"] = r.ValueId,
        })]);
        return summary;
    }

    public static JsonObject Review(CampaignReview r, SandboxState state) => new()
    {
        ["id"] = r.Id,
        ["campaignId"] = r.CampaignId,
        ["principalId"] = r.PrincipalUserId,
        ["resourceId"] = r.AppId,
        ["entitlementId"] = r.EntitlementId,
        ["entitlementValueId"] = r.ValueId,
        ["entitlementValueExternalValue"] = r.ValueExternalValue,
        ["reviewerId"] = r.ReviewerId,
        ["decision"] = r.Decision,
        ["decided"] = r.Decided is { } d ? GovernanceJson.Time(d) : null,
        ["remediationStatus"] = r.RemediationStatus,
        ["principalOrn"] = state.UserOrn(r.PrincipalUserId),
        ["entitlementValueOrn"] = state.ValueOrn(r.ValueId),
    };

    private static JsonObject Standard(OigCampaign c) => new()
    {
        ["id"] = c.Id,
        ["created"] = GovernanceJson.Time(c.Created),
        ["createdBy"] = Creator,
        ["lastUpdated"] = GovernanceJson.Time(c.LastUpdated),
        ["lastUpdatedBy"] = Creator,
    };

    private static JsonObject Links(OigCampaign c, HttpContext context)
    {
        var self = Path(c.Id);
        var links = new JsonObject
        {
            ["launchCampaign"] = Link(context, self + "/launch"),
            ["endCampaign"] = Link(context, self + "/end"),
            ["reviews"] = Link(context, "/governance/api/v1/reviews?filter=" + Uri.EscapeDataString($"campaignId eq \"{c.Id}\"")),
            ["campaignDetails"] = Link(context, self),
        };
        if (c.RecurringCampaignId is not null)
        {
            links["recurringCampaignDetails"] = Link(context, Path(c.RecurringCampaignId));
        }

        links["self"] = Link(context, self);
        return links;
    }

    private static JsonObject Link(HttpContext context, string path)
    {
        var link = OktaJson.Href(context, path);
        link["hints"] = new JsonObject();
        return link;
    }
}
