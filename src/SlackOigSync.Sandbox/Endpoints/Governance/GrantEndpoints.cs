using System.Text.Json.Nodes;
using SlackOigSync.Sandbox.Endpoints.Okta;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sandbox.State;
using static SlackOigSync.Sandbox.Endpoints.Governance.GovernanceRequest;

namespace SlackOigSync.Sandbox.Endpoints.Governance;

/// <summary>OIG grants: list (active ones, as Okta does) and create (ENTITLEMENT or CUSTOM).</summary>
internal static class GrantEndpoints
{
    private static readonly HashSet<string> FilterAttributes = new(
        ["target.externalId", "target.type", "targetResourceOrn", "targetPrincipal.externalId", "targetPrincipal.type", "targetPrincipalOrn",
         "entitlementBundleId", "entitlements.id", "entitlements.values.id", "action"],
        StringComparer.Ordinal);

    public static void Map(IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/governance/api/v1");
        v1.MapGet("grants", List).WithName("oig:GET /governance/api/v1/grants").AcceptsAnswerFaults(hasList: true);
        v1.MapPost("grants", Create).WithName("oig:POST /governance/api/v1/grants");
    }

    private static IResult List(HttpContext context, SandboxState state, SandboxTokens tokens)
    {
        if (PrepareList(context, tokens, Read, "grant", FilterAttributes, filterRequired: true, out var filter, out var limit, out var after) is { } error)
        {
            return error;
        }

        var appId = filter!.EqualityValue("target.externalId") ?? filter.EqualityValue("targetResourceOrn")?.Split(':')[^1];
        if (appId is null)
        {
            return OktaErrors.Error(400, "E0000029", "Invalid filter", ("Cannot find value found for target resource'", "empty.openapi.validation", "/query/filter"));
        }

        var full = context.Request.Query["include"].Any(v => v is not null && v.Split(',').Contains("full_entitlements"));
        lock (state.Gate)
        {
            if (CheckApp(state, appId, "/target.externalId") is { } appError)
            {
                return appError;
            }

            // Okta: "Lists active grants (status="ACTIVE")"; the filter cannot name a status.
            var (items, next) = state.Grants.Page(after, limit, g => (g.Status == "ACTIVE" || state.ListGrantsOfEveryStatus)
                && filter.Matches(a => Attribute(g, state, a), StringComparison.Ordinal));
            return GovernanceJson.List(context, items.Select(g => (JsonNode)GovernanceJson.Grant(g, state, context, full)), EncodeNext("grant", next));
        }
    }

    private static async Task<IResult> Create(HttpContext context, SandboxState state, SandboxTokens tokens)
    {
        var (refused, read) = await GovernanceRequest.ReadAuthorizedObjectAsync(context, tokens, Manage);
        if (read is not { } body)
        {
            return refused!;
        }

        var grantType = body["grantType"]?.GetValue<string>();
        if (grantType is not ("ENTITLEMENT" or "CUSTOM"))
        {
            return OktaErrors.ValidationFailed($"grantType {grantType ?? "(missing)"} is not supported here; use ENTITLEMENT or CUSTOM", "/grantType");
        }

        var appId = body["target"]?["externalId"]?.GetValue<string>();
        if (appId is null || body["target"]?["type"]?.GetValue<string>() != "APPLICATION")
        {
            return OktaErrors.ValidationFailed("must have required field", "/target");
        }

        var userId = body["targetPrincipal"]?["externalId"]?.GetValue<string>();
        if (userId is null || body["targetPrincipal"]?["type"]?.GetValue<string>() != "OKTA_USER")
        {
            return OktaErrors.ValidationFailed("must have required field", "/targetPrincipal");
        }

        if (body["entitlements"] is not JsonArray entitlements || entitlements.Count == 0)
        {
            return OktaErrors.ValidationFailed("must have required field", "/entitlements");
        }

        lock (state.Gate)
        {
            if (CheckApp(state, appId, "/target/externalId") is { } appError)
            {
                return appError;
            }

            if (state.OktaUsers.Find(userId) is null)
            {
                return NotFoundInBody(userId, "/targetPrincipal/externalId");
            }

            var grant = OigGrantChanges.New(state, grantType, appId, userId, body["actor"]?.GetValue<string>() ?? "API", state.Clock.GetUtcNow());
            if (ReadValues(entitlements, appId, state, out var values) is { } invalid)
            {
                return invalid;
            }

            OigGrantChanges.Add(state, grant, values);
            return GovernanceJson.Answer(GovernanceJson.Grant(grant, state, context, fullEntitlements: false), statusCode: 201);
        }
    }

    /// <summary>The body's entitlements [{id, values: [{id}]}]: entitlement id → its distinct value ids, each of the app.</summary>
    private static IResult? ReadValues(JsonArray entitlements, string appId, SandboxState state, out Dictionary<string, List<string>> values)
    {
        values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var item in entitlements)
        {
            var entitlementId = item?["id"]?.GetValue<string>();
            var entitlement = entitlementId is null ? null : state.Entitlements.Find(entitlementId);
            if (entitlement is null || entitlement.AppId != appId)
            {
                return NotFoundInBody(entitlementId ?? "(missing)", "/entitlements/id");
            }

            var valueIds = new List<string>();
            foreach (var v in item!["values"]?.AsArray() ?? [])
            {
                var valueId = v?["id"]?.GetValue<string>();
                if (valueId is null || entitlement.Values.All(x => x.Id != valueId))
                {
                    return NotFoundInBody(valueId ?? "(missing)", "/entitlements/values/id");
                }

                valueIds.Add(valueId);
            }

            if (valueIds.Count == 0)
            {
                return OktaErrors.ValidationFailed("must have at least one value", "/entitlements/values");
            }

            values[entitlementId!] = [.. valueIds.Distinct()];
        }

        return null;
    }

    private static IEnumerable<string?> Attribute(OigGrant g, SandboxState state, string attribute) => attribute switch
    {
        "target.externalId" => [g.AppId],
        "target.type" => ["APPLICATION"],
        "targetResourceOrn" => [state.AppOrn(g.AppId)],
        "targetPrincipal.externalId" => [g.PrincipalUserId],
        "targetPrincipal.type" => ["OKTA_USER"],
        "targetPrincipalOrn" => [state.UserOrn(g.PrincipalUserId)],
        "entitlementBundleId" => g.EntitlementBundleId is null ? [] : [g.EntitlementBundleId],
        "entitlements.id" => g.Entitlements.Keys,
        "entitlements.values.id" => g.Entitlements.Values.SelectMany(v => v),
        "action" => ["ALLOW"],
        _ => [],
    };
}
