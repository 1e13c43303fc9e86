using System.Text.Json;
using System.Text.Json.Nodes;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sandbox.State;
using SlackOigSync.Sandbox.Endpoints.Governance;
using static SlackOigSync.Sandbox.Endpoints.Control.ControlResults;

namespace SlackOigSync.Sandbox.Endpoints.Control;

/// <summary>
/// Control API for campaigns, no auth like the rest of /_sandbox: play the reviewers (decisions), close a campaign
/// (end, with its remediation) and read its reviews. Refusals are 400 {"error": "…"} (404 for an unknown campaign) and
/// change nothing: a batch of decisions is checked whole before any is recorded.
/// </summary>
internal static class CampaignControlEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/_sandbox/oig/campaigns");
        control.MapGet("{id}/reviews", Reviews).WithName("control:campaign-reviews");
        control.MapPost("{id}/decisions", Decide).WithName("control:campaign-decisions");
        control.MapPost("{id}/end", End).WithName("control:campaign-end");
    }

    private static IResult Reviews(string id, SandboxState state)
    {
        lock (state.Gate)
        {
            return state.FindCampaign(id) is { } campaign ? Json(CampaignJson.Summary(campaign, state)) : UnknownCampaign(id);
        }
    }

    private static async Task<IResult> Decide(string id, HttpContext context, SandboxState state)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body?["decisions"] is not JsonArray { Count: > 0 } items)
        {
            return Refuse("the body must be {\"decisions\": [{\"oktaUserId\": \"00u…\", \"roleId\": \"Rl0C\", \"decision\": \"REVOKE\"}, …]} with at least one decision");
        }

        lock (state.Gate)
        {
            if (state.FindCampaign(id) is not { } campaign)
            {
                return UnknownCampaign(id);
            }

            if (NotActive(state, campaign) is { } closed)
            {
                return closed;
            }

            var chosen = new List<(CampaignReview Review, string Decision)>();
            for (var i = 0; i < items.Count; i++)
            {
                var userId = Text(items[i], "oktaUserId");
                var roleId = Text(items[i], "roleId");
                var decision = Text(items[i], "decision");
                if (userId is null || roleId is null || decision is null)
                {
                    return Refuse($"decisions[{i}] needs the strings oktaUserId, roleId and decision");
                }

                if (decision is not ("APPROVE" or "REVOKE"))
                {
                    return Refuse($"decisions[{i}]: decision '{decision}' must be APPROVE or REVOKE");
                }

                if (state.OktaUsers.Find(userId) is null)
                {
                    return Refuse($"decisions[{i}]: unknown Okta user '{userId}'");
                }

                var reviews = campaign.Reviews.Where(r => r.PrincipalUserId == userId && r.ValueExternalValue == roleId).ToList();
                if (reviews.Count == 0)
                {
                    var roles = campaign.Reviews.Where(r => r.PrincipalUserId == userId).Select(r => r.ValueExternalValue).ToList();
                    return Refuse($"decisions[{i}]: campaign {id} has no review of role '{roleId}' for {userId}"
                        + (roles.Count == 0 ? " (no review of that user at all)" : $" (that user's reviews are for {string.Join(", ", roles)})"));
                }

                if (reviews.Count > 1)
                {
                    return Refuse($"decisions[{i}]: '{roleId}' is the externalValue of {reviews.Count} reviewed values of {userId}; the sandbox cannot tell which one is meant");
                }

                chosen.Add((reviews[0], decision));
            }

            CampaignLifecycle.Decide(state, campaign, chosen);
            return Json(CampaignJson.Summary(campaign, state));
        }
    }

    private static IResult End(string id, SandboxState state)
    {
        lock (state.Gate)
        {
            if (state.FindCampaign(id) is not { } campaign)
            {
                return UnknownCampaign(id);
            }

            if (NotActive(state, campaign) is { } closed)
            {
                return closed;
            }

            CampaignLifecycle.End(state, campaign, skipRemediation: false);
            return Json(CampaignJson.EndSummary(campaign, state));
        }
    }

    private static IResult? NotActive(SandboxState state, OigCampaign campaign)
    {
        if (campaign.Status == "ACTIVE")
        {
            return null;
        }

        if (campaign.ScheduleType == "RECURRING")
        {
            var instance = state.Campaigns.All.LastOrDefault(c => c.RecurringCampaignId == campaign.Id && c.Status == "ACTIVE");
            return Refuse(instance is null
                ? $"campaign {campaign.Id} is a recurring schedule with no launched instance: launch it first"
                : $"campaign {campaign.Id} is a recurring schedule; its launched instance is {instance.Id}");
        }

        return Refuse(campaign.Status == "SCHEDULED"
            ? $"campaign {campaign.Id} is SCHEDULED, not launched: launch it first"
            : $"campaign {campaign.Id} is {campaign.Status}: its reviews are closed");
    }

    private static string? Text(JsonNode? item, string field) =>
        item is JsonObject o && o[field]?.GetValueKind() == JsonValueKind.String ? o[field]!.GetValue<string>() : null;

    private static IResult UnknownCampaign(string id) => Results.NotFound(new { error = $"unknown campaign '{id}'" });
}
