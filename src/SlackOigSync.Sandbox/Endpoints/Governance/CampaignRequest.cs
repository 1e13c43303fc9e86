using System.Text.Json;
using System.Text.Json.Nodes;
using SlackOigSync.Sandbox.State;
using static SlackOigSync.Sandbox.Endpoints.Governance.CampaignFields;
using SlackOigSync.Sandbox.Endpoints.Okta;

namespace SlackOigSync.Sandbox.Endpoints.Governance;

/// <summary>
/// Reads a createCampaign body (Okta's campaign-mutable schema) into an <see cref="OigCampaign"/>, refusing what the
/// spec refuses with Okta's 400 E0000001 and errorCauses. Fields the spec marks read-only (status, id, …) are ignored,
/// as Okta does (its own example sends "status": "ACTIVE" and gets a SCHEDULED campaign). Call with the lock held.
/// </summary>
internal static class CampaignRequest
{

    public static IResult? TryRead(JsonObject body, SandboxState state, out OigCampaign? campaign)
    {
        campaign = null;
        if (RequiredString(body, "name", "/name", 255, out var name) is { } nameError)
        {
            return nameError;
        }

        if (OptionalString(body, "description", "/description", 1000, out var description) is { } descriptionError)
        {
            return descriptionError;
        }

        if (OptionalString(body, "campaignType", "/campaignType", 20, out var campaignType) is { } typeError)
        {
            return typeError;
        }

        campaignType ??= "RESOURCE";
        if (campaignType is not ("RESOURCE" or "USER"))
        {
            return Invalid("/campaignType", $"{campaignType} is not one of RESOURCE, USER");
        }

        if (campaignType == "USER")
        {
            return NotEmulated("/campaignType", "USER campaigns");
        }

        foreach (var section in new[] { "scheduleSettings", "resourceSettings", "reviewerSettings", "remediationSettings" })
        {
            if (body[section] is not JsonObject)
            {
                return body[section] is null ? Missing($"/{section}") : Invalid($"/{section}", "must be an object");
            }
        }

        var schedule = body["scheduleSettings"]!.AsObject();
        if (CampaignScheduleRequest.Read(schedule, out var scheduleType, out var start, out var duration, out var zone, out var recurrence) is { } scheduleError)
        {
            return scheduleError;
        }

        if (CampaignTargetRequest.Read(body["resourceSettings"]!.AsObject(), state, out var targets) is { } targetError)
        {
            return targetError;
        }

        var scope = body["principalScopeSettings"] as JsonObject ?? new JsonObject { ["type"] = "USERS" };
        if (CampaignScopeRequest.Read(scope, out var excluded, out var userIds, out var onlyActive) is { } scopeError)
        {
            return scopeError;
        }

        var reviewer = body["reviewerSettings"]!.AsObject();
        if (CampaignReviewerRequest.Read(reviewer, state, out var reviewerType, out var reviewerId, out var fallback) is { } reviewerError)
        {
            return reviewerError;
        }

        var remediation = body["remediationSettings"]!.AsObject();
        if (CampaignReviewerRequest.ReadRemediation(remediation, out var accessRevoked, out var noResponse) is { } remediationError)
        {
            return remediationError;
        }

        var now = state.Clock.GetUtcNow();
        var sequence = state.NextCampaignSequence();
        campaign = new OigCampaign
        {
            Id = state.Ids.Okta("ici"),
            Sequence = sequence,
            Name = name!,
            Description = description,
            CampaignType = campaignType,
            ScheduleType = scheduleType!,
            StartDate = start,
            DurationInDays = duration,
            TimeZone = zone!,
            Recurrence = recurrence,
            ResourceSettings = EchoResourceSettings(body["resourceSettings"]!.AsObject()),
            PrincipalScopeSettings = EchoScope(scope),
            ReviewerSettings = (JsonObject)reviewer.DeepClone(),
            RemediationSettings = (JsonObject)remediation.DeepClone(),
            NotificationSettings = body["notificationSettings"] is JsonObject n ? (JsonObject)n.DeepClone() : null,
            ReviewerType = reviewerType!,
            ReviewerId = reviewerId!,
            FallBackReviewerId = fallback,
            SelfReviewDisabled = reviewer["selfReviewDisabled"]?.GetValueKind() == JsonValueKind.True
                || reviewer["isSelfReviewDisabled"]?.GetValueKind() == JsonValueKind.True,
            Targets = targets!,
            ExcludedUserIds = excluded!,
            UserIds = userIds!,
            IncludeOnlyActiveUsers = onlyActive,
            AccessRevoked = accessRevoked!,
            NoResponse = noResponse!,
            Created = now,
            LastUpdated = now,
        };
        return null;
    }

    /// <summary>resourceSettings as Okta echoes it: each target's includeAllEntitlementsAndBundles made explicit.</summary>
    private static JsonObject EchoResourceSettings(JsonObject resources)
    {
        var echo = (JsonObject)resources.DeepClone();
        foreach (var target in echo["targetResources"]!.AsArray().OfType<JsonObject>())
        {
            target["resourceType"] ??= "APPLICATION";
            target["includeAllEntitlementsAndBundles"] ??= false;
        }

        return echo;
    }

    /// <summary>principalScopeSettings as Okta echoes it: the empty lists and includeOnlyActiveUsers made explicit.</summary>
    private static JsonObject EchoScope(JsonObject scope)
    {
        var echo = (JsonObject)scope.DeepClone();
        echo["excludedUserIds"] ??= new JsonArray();
        echo["userIds"] ??= new JsonArray();
        echo["groupIds"] ??= new JsonArray();
        echo["includeOnlyActiveUsers"] ??= false;
        return echo;
    }
}
