using System.Text.Json.Nodes;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sandbox.State;
using static SlackOigSync.Sandbox.Endpoints.Governance.GovernanceRequest;

namespace SlackOigSync.Sandbox.Endpoints.Governance;

/// <summary>OIG principal entitlements: what one principal holds on one app through its ACTIVE grants, per entitlement.</summary>
internal static class PrincipalEntitlementEndpoints
{
    private static readonly HashSet<string> FilterAttributes = new(
        ["parent.externalId", "parent.type", "targetPrincipal.externalId", "targetPrincipal.type", "targetPrincipalOrn", "parentResourceOrn"],
        StringComparer.Ordinal);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGroup("/governance/api/v1").MapGet("principal-entitlements", List)
            .WithName("oig:GET /governance/api/v1/principal-entitlements").AcceptsAnswerFaults(hasList: true);

    private static IResult List(HttpContext context, SandboxState state, SandboxTokens tokens)
    {
        if (PrepareList(context, tokens, Read, "principal", FilterAttributes, filterRequired: true, out var filter, out _, out _) is { } error)
        {
            return error;
        }

        var appId = filter!.EqualityValue("parent.externalId") ?? filter.EqualityValue("parentResourceOrn")?.Split(':')[^1];
        var userId = filter.EqualityValue("targetPrincipal.externalId") ?? filter.EqualityValue("targetPrincipalOrn")?.Split(':')[^1];
        if (appId is null || userId is null)
        {
            return OktaErrors.InvalidFilter("The filter must name the resource (parent) and the principal (targetPrincipal).");
        }

        lock (state.Gate)
        {
            if (CheckApp(state, appId, "/parent.externalId") is { } appError)
            {
                return appError;
            }

            var held = state.Grants.All
                .Where(g => g.Status == "ACTIVE" && g.AppId == appId && g.PrincipalUserId == userId)
                .SelectMany(g => g.Entitlements)
                .GroupBy(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            var items = new List<JsonNode>();
            foreach (var group in held)
            {
                if (state.Entitlements.Find(group.Key) is { } e)
                {
                    items.Add(GovernanceJson.PrincipalEntitlement(e, group.SelectMany(v => v).ToHashSet(StringComparer.Ordinal), userId, appId, state));
                }
            }

            return GovernanceJson.List(context, items, null);
        }
    }
}
