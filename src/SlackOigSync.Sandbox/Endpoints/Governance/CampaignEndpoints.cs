using System.Text.Json;
using System.Text.Json.Nodes;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sandbox.State;
using SlackOigSync.Sandbox.Endpoints.Okta;

namespace SlackOigSync.Sandbox.Endpoints.Governance;

/// <summary>
/// OIG access certification campaigns (Okta's governance spec, tag Campaigns): create, list, get, launch and end.
/// Launching builds the reviews from the grants held at that moment; ending applies the remediation settings.
/// </summary>
internal static class CampaignEndpoints
{
    private const string Read = "okta.governance.accessCertifications.read";
    private const string Manage = "okta.governance.accessCertifications.manage";
    private const string CursorTag = "campaign";

    private static readonly HashSet<string> FilterAttributes =
        new(["name", "status", "scheduleType", "reviewerType", "recurringCampaignId"], StringComparer.Ordinal);

    private static readonly HashSet<string> OrderAttributes =
        new(["name", "created", "startDate", "endDate", "status"], StringComparer.Ordinal);

    public static void Map(IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/governance/api/v1");
        v1.MapPost("campaigns", Create).WithName("oig:POST /governance/api/v1/campaigns");
        v1.MapGet("campaigns", List).WithName("oig:GET /governance/api/v1/campaigns").AcceptsAnswerFaults(hasList: true);
        v1.MapGet("campaigns/{id}", Get).WithName("oig:GET /governance/api/v1/campaigns/{id}");
        v1.MapPost("campaigns/{id}/launch", Launch).WithName("oig:POST /governance/api/v1/campaigns/{id}/launch");
        v1.MapPost("campaigns/{id}/end", End).WithName("oig:POST /governance/api/v1/campaigns/{id}/end");
    }

    private static async Task<IResult> Create(HttpContext context, SandboxState state, SandboxTokens tokens)
    {
        var (refused, read) = await GovernanceRequest.ReadAuthorizedObjectAsync(context, tokens, Manage);
        if (read is not { } body)
        {
            return refused!;
        }

        lock (state.Gate)
        {
            if (CampaignRequest.TryRead(body, state, out var campaign) is { } invalid)
            {
                return invalid;
            }

            CampaignLifecycle.Add(state, campaign!);
            return GovernanceJson.Answer(CampaignJson.Full(campaign!, context), statusCode: 201);
        }
    }

    private static IResult Get(string id, HttpContext context, SandboxState state, SandboxTokens tokens)
    {
        if (OktaRequest.Authorize(context, tokens, Read) is { } denied)
        {
            return denied;
        }

        lock (state.Gate)
        {
            return state.FindCampaign(id) is { } campaign ? GovernanceJson.Answer(CampaignJson.Full(campaign, context)) : NotFound();
        }
    }

    private static IResult List(HttpContext context, SandboxState state, SandboxTokens tokens)
    {
        if (OktaRequest.Authorize(context, tokens, Read) is { } denied)
        {
            return denied;
        }

        if (!OktaRequest.TryLimit(context, 200, 20, out var limit))
        {
            return OktaErrors.InvalidLimit();
        }

        var rawAfter = context.Request.Query["after"].ToString();
        if (!Cursor.TryDecode(CursorTag, rawAfter.Length == 0 ? null : rawAfter, out var after))
        {
            return OktaErrors.Error(400, "E0000029", "Invalid paging request", ("The `after` parameter isn't valid.", "INVALID_AFTER_PARAMETER", "/query/after"));
        }

        ScimFilter? filter = null;
        var rawFilter = context.Request.Query["filter"].ToString();
        if (rawFilter.Length > 0)
        {
            try
            {
                filter = ScimFilter.Parse(rawFilter, bareEnumValues: true);
            }
            catch (FormatException e)
            {
                return OktaErrors.InvalidFilter(e.Message);
            }

            // startDate and endDate take gt/lt comparisons, which the sandbox's filter parser does not have.
            if (filter.Attributes.FirstOrDefault(a => !FilterAttributes.Contains(a)) is { } unsupported)
            {
                return OktaErrors.InvalidFilter($"Filtering on `{unsupported}` isn't supported.");
            }
        }

        var orderBy = context.Request.Query["orderBy"].ToString();
        var order = (orderBy.Length == 0 ? "created asc" : orderBy).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (order.Length is < 1 or > 2 || !OrderAttributes.Contains(order[0]) || (order.Length == 2 && order[1] is not ("asc" or "desc")))
        {
            return OktaErrors.Error(400, "E0000029", "Invalid paging request", ("Invalid `orderBy` syntax", "STRING_FORMAT_INVALID", "/orderBy"));
        }

        lock (state.Gate)
        {
            var matches = state.Campaigns.All.Where(c => filter?.Matches(a => [Attribute(c, a)], StringComparison.Ordinal) ?? true);
            Func<OigCampaign, string> key = order[0] switch
            {
                "name" => c => c.Name,
                "startDate" => c => c.StartDate.UtcDateTime.ToString("o"),
                "endDate" => c => c.EndDate.UtcDateTime.ToString("o"),
                "status" => c => c.Status,
                _ => c => OigCampaign.Key(c.Sequence),
            };
            var sorted = order.Length == 2 && order[1] == "desc"
                ? matches.OrderByDescending(key, StringComparer.Ordinal).ThenByDescending(c => c.Sequence).ToList()
                : matches.OrderBy(key, StringComparer.Ordinal).ThenBy(c => c.Sequence).ToList();

            // The cursor names the last campaign served; the next page starts after it in this same order.
            var start = after is null ? 0 : sorted.FindIndex(c => OigCampaign.Key(c.Sequence) == after) + 1;
            var page = sorted.Skip(start).Take(limit).ToList();
            var next = start + page.Count < sorted.Count ? Cursor.Encode(CursorTag, OigCampaign.Key(page[^1].Sequence)) : null;
            return GovernanceJson.List(context, page.Select(c => (JsonNode)CampaignJson.Sparse(c, context)), next);
        }
    }

    /// <summary>
    /// Okta: "Only campaigns with a status of SCHEDULED can be launched … any other status yields a 409 Conflict".
    /// A ONE_OFF campaign becomes ACTIVE itself. A RECURRING one "launches the next occurrence": a new ONE_OFF instance
    /// carrying recurringCampaignId, named by the Location header, while the recurring campaign stays SCHEDULED. Launching
    /// it again while that instance is still ACTIVE is refused with the same 409 (assumed: the spec's conflict examples
    /// cover "launching a recurring campaign" and "launching a launched campaign" without saying more).
    /// </summary>
    private static IResult Launch(string id, HttpContext context, SandboxState state, SandboxTokens tokens)
    {
        if (OktaRequest.Authorize(context, tokens, Manage) is { } denied)
        {
            return denied;
        }

        lock (state.Gate)
        {
            if (state.FindCampaign(id) is not { } campaign)
            {
                return NotFound();
            }

            var instanceActive = state.Campaigns.All.Any(c => c.RecurringCampaignId == campaign.Id && c.Status == "ACTIVE");
            if (campaign.Status != "SCHEDULED" || instanceActive)
            {
                return OktaErrors.Error(409, "E0000195", "Api validation failed due to conflict: Campaign", ("Campaign must be scheduled before it can be started", null, null));
            }

            var launched = campaign.ScheduleType == "RECURRING" ? CampaignLifecycle.NewOccurrence(state, campaign) : campaign;
            CampaignLifecycle.Launch(state, launched);
            context.Response.Headers.Location = CampaignJson.Location(context, launched.Id);
            return Results.StatusCode(202);
        }
    }

    /// <summary>Okta's endCampaign: ACTIVE only (else 409 E0000170), body {"skipRemediation": bool} optional; 202 with Location.</summary>
    private static async Task<IResult> End(string id, HttpContext context, SandboxState state, SandboxTokens tokens)
    {
        if (OktaRequest.Authorize(context, tokens, Manage) is { } denied)
        {
            return denied;
        }

        var skip = false;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            if (await GovernanceRequest.ReadBody(context) is not JsonObject body
                || body["skipRemediation"]?.GetValueKind() is not (null or JsonValueKind.True or JsonValueKind.False))
            {
                return OktaErrors.ValidationFailed("the body must be {\"skipRemediation\": true|false}", "/skipRemediation");
            }

            skip = body["skipRemediation"]?.GetValue<bool>() ?? false;
        }

        lock (state.Gate)
        {
            if (state.FindCampaign(id) is not { } campaign)
            {
                return NotFound();
            }

            if (campaign.Status != "ACTIVE")
            {
                return OktaErrors.Error(409, "E0000170", "An inactive campaign may not be ended.");
            }

            CampaignLifecycle.End(state, campaign, skip);
            context.Response.Headers.Location = CampaignJson.Location(context, campaign.Id);
            return Results.StatusCode(202);
        }
    }


    private static string? Attribute(OigCampaign c, string attribute) => attribute switch
    {
        "name" => c.Name,
        "status" => c.Status,
        "scheduleType" => c.ScheduleType,
        "reviewerType" => c.ReviewerType,
        "recurringCampaignId" => c.RecurringCampaignId,
        _ => null,
    };

    private static IResult NotFound() => GovernanceRequest.NotFound();

}
