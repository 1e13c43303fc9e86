using System.Text.Json;
using System.Text.Json.Nodes;
using SlackOigSync.Sandbox.State;
using static SlackOigSync.Sandbox.Endpoints.Governance.CampaignFields;

namespace SlackOigSync.Sandbox.Endpoints.Governance;

/// <summary>Reads a campaign's reviewerSettings (who reviews) and remediationSettings (what a decision or silence does).</summary>
internal static class CampaignReviewerRequest
{
    private static readonly string[] ReviewerTypes = ["USER", "REVIEWER_EXPRESSION", "GROUP", "RESOURCE_OWNER", "MULTI_LEVEL"];

    public static IResult? Read(JsonObject reviewer, SandboxState state, out string? type, out string? reviewerId, out string? fallback)
    {
        reviewerId = null;
        fallback = null;
        if (RequiredString(reviewer, "type", "/reviewerSettings/type", 40, out type) is { } typeError)
        {
            return typeError;
        }

        if (!ReviewerTypes.Contains(type))
        {
            return Invalid("/reviewerSettings/type", $"{type} is not one of {string.Join(", ", ReviewerTypes)}");
        }

        // Each type's required companion, as campaign-reviewer-type's x-enumDescriptions list them.
        var needed = type switch
        {
            "USER" => new[] { "reviewerId" },
            "REVIEWER_EXPRESSION" => ["reviewerScopeExpression", "fallBackReviewerId"],
            "RESOURCE_OWNER" => ["fallBackReviewerId"],
            "GROUP" => ["reviewerGroupId"],
            _ => [],
        };
        foreach (var field in needed)
        {
            if (RequiredString(reviewer, field, $"/reviewerSettings/{field}", field == "reviewerScopeExpression" ? 2000 : 20, out _) is { } missing)
            {
                return missing;
            }
        }

        if (type == "MULTI_LEVEL")
        {
            return reviewer["reviewerLevels"] is JsonArray { Count: 2 }
                ? NotEmulated("/reviewerSettings/reviewerLevels", "MULTI_LEVEL reviewers")
                : Invalid("/reviewerSettings/reviewerLevels", "must hold exactly 2 reviewer levels");
        }

        if (type == "GROUP")
        {
            // The sandbox holds no Okta groups, so no reviewer group can exist.
            return NotFound(reviewer["reviewerGroupId"]!.GetValue<string>(), "/reviewerSettings/reviewerGroupId");
        }

        if (OptionalString(reviewer, "fallBackReviewerId", "/reviewerSettings/fallBackReviewerId", 20, out fallback) is { } fallbackError)
        {
            return fallbackError;
        }

        if (fallback is not null && state.OktaUsers.Find(fallback) is null)
        {
            return NotFound(fallback, "/reviewerSettings/fallBackReviewerId");
        }

        if (type == "USER")
        {
            reviewerId = reviewer["reviewerId"]!.GetValue<string>();
            return state.OktaUsers.Find(reviewerId) is null ? NotFound(reviewerId, "/reviewerSettings/reviewerId") : null;
        }

        // REVIEWER_EXPRESSION (e.g. user.profile.managerId) and RESOURCE_OWNER: the sandbox's users have no managers and
        // its apps no owners, so every review goes to the fallback reviewer, as Okta does when it finds nobody.
        reviewerId = fallback;
        return null;
    }

    public static IResult? ReadRemediation(JsonObject remediation, out string? accessRevoked, out string? noResponse)
    {
        accessRevoked = null;
        noResponse = null;
        if (RequiredString(remediation, "accessApproved", "/remediationSettings/accessApproved", 20, out var approved) is { } approvedError)
        {
            return approvedError;
        }

        if (approved != "NO_ACTION")
        {
            return Invalid("/remediationSettings/accessApproved", $"{approved} is not one of NO_ACTION");
        }

        foreach (var field in new[] { "accessRevoked", "noResponse" })
        {
            if (RequiredString(remediation, field, $"/remediationSettings/{field}", 20, out var action) is { } actionError)
            {
                return actionError;
            }

            if (action is not ("NO_ACTION" or "DENY"))
            {
                return Invalid($"/remediationSettings/{field}", $"{action} is not one of NO_ACTION, DENY");
            }

            if (field == "accessRevoked")
            {
                accessRevoked = action;
            }
            else
            {
                noResponse = action;
            }
        }

        return null;
    }
}
