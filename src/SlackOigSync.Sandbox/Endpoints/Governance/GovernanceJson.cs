using System.Globalization;
using System.Text.Json.Nodes;
using SlackOigSync.Sandbox.Endpoints.Okta;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sandbox.State;

namespace SlackOigSync.Sandbox.Endpoints.Governance;

/// <summary>
/// OIG wire shapes (entitlements, values, grants, principal entitlements, revocation answers, the list envelope) as in
/// Okta's governance spec examples. Campaigns have their own, <see cref="CampaignJson"/>.
/// </summary>
internal static class GovernanceJson
{
    private const string Creator = "00u1sandboxadmin0001";

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static JsonObject Parent(string appId) => new() { ["externalId"] = appId, ["type"] = "APPLICATION" };

    public static JsonObject Entitlement(OigEntitlement e, SandboxState state, HttpContext context, IEnumerable<OigEntitlementValue>? values)
    {
        var json = Head(e);
        json["created"] = Time(e.Created);
        json["createdBy"] = Creator;
        json["lastUpdated"] = Time(e.LastUpdated);
        json["lastUpdatedBy"] = Creator;
        json["parentResourceOrn"] = state.AppOrn(e.AppId);
        json["parent"] = Parent(e.AppId);
        json["_links"] = new JsonObject
        {
            ["self"] = OktaJson.Href(context, $"/governance/api/v1/entitlements/{e.Id}"),
            ["values"] = OktaJson.Href(context, $"/governance/api/v1/entitlements/{e.Id}/values"),
        };
        OmitNullDescription(json);
        if (values is not null)
        {
            var list = values.ToList();
            json["values"] = new JsonArray([.. list.Select(v => Value(v, e, state, context))]);
            json["metadata"] = new JsonObject { ["total"] = list.Count };
        }

        return json;
    }

    public static JsonObject Value(OigEntitlementValue v, OigEntitlement e, SandboxState state, HttpContext context) => OmitNullDescription(new()
    {
        ["id"] = v.Id,
        ["name"] = v.Name,
        ["description"] = v.Description,
        ["externalValue"] = v.ExternalValue,
        ["entitlementId"] = e.Id,
        ["created"] = Time(v.Created),
        ["createdBy"] = Creator,
        ["lastUpdated"] = Time(v.LastUpdated),
        ["lastUpdatedBy"] = Creator,
        ["orn"] = state.ValueOrn(v.Id),
        ["parentResourceOrn"] = state.AppOrn(e.AppId),
        ["parent"] = Parent(e.AppId),
        ["_links"] = new JsonObject { ["self"] = OktaJson.Href(context, $"/governance/api/v1/entitlements/{e.Id}/values/{v.Id}") },
    });

    /// <summary>
    /// Okta's spec types every description as a non-nullable string (minLength 1) that an object may lack, so a missing
    /// description is left out rather than written as null.
    /// </summary>
    public static JsonObject OmitNullDescription(JsonObject json)
    {
        if (json["description"] is null)
        {
            json.Remove("description");
        }

        return json;
    }

    public static JsonObject Grant(OigGrant g, SandboxState state, HttpContext context, bool fullEntitlements)
    {
        var entitlements = new JsonArray();
        foreach (var (entitlementId, valueIds) in g.Entitlements)
        {
            var entitlement = state.Entitlements.Find(entitlementId);
            var item = new JsonObject { ["id"] = entitlementId };
            if (fullEntitlements && entitlement is not null)
            {
                item["name"] = entitlement.Name;
                item["externalValue"] = entitlement.ExternalValue;
                item["description"] = entitlement.Description;
                OmitNullDescription(item);
                item["multiValue"] = entitlement.MultiValue;
                item["dataType"] = entitlement.DataType;
            }

            item["values"] = new JsonArray([.. valueIds.Select(id =>
            {
                var value = new JsonObject { ["id"] = id };
                if (fullEntitlements && entitlement?.Values.Find(v => v.Id == id) is { } v)
                {
                    value["name"] = v.Name;
                    value["externalValue"] = v.ExternalValue;
                    value["description"] = v.Description;
                    OmitNullDescription(value);
                }

                return (JsonNode)value;
            })]);
            entitlements.Add(item);
        }

        var json = new JsonObject
        {
            ["id"] = g.Id,
            ["created"] = Time(g.Created),
            ["createdBy"] = Creator,
            ["lastUpdated"] = Time(g.LastUpdated),
            ["lastUpdatedBy"] = Creator,
            ["grantType"] = g.GrantType,
        };
        if (g.EntitlementBundleId is not null)
        {
            json["entitlementBundleId"] = g.EntitlementBundleId;
        }

        json["action"] = "ALLOW";
        json["actor"] = g.Actor;
        json["targetResourceOrn"] = state.AppOrn(g.AppId);
        json["target"] = Parent(g.AppId);
        json["targetPrincipalOrn"] = state.UserOrn(g.PrincipalUserId);
        json["targetPrincipal"] = new JsonObject { ["externalId"] = g.PrincipalUserId, ["type"] = "OKTA_USER" };
        json["entitlements"] = entitlements;
        json["status"] = g.Status;
        json["_links"] = new JsonObject { ["self"] = OktaJson.Href(context, $"/governance/api/v1/grants/{g.Id}") };
        return json;
    }

    /// <summary>
    /// What one principal holds of one entitlement (the values among <paramref name="valueIds"/>), as principal-entitlements
    /// lists it; parent is the app the request named.
    /// </summary>
    public static JsonObject PrincipalEntitlement(OigEntitlement e, IReadOnlySet<string> valueIds, string userId, string appId, SandboxState state)
    {
        var json = Head(e);
        json["targetPrincipalOrn"] = state.UserOrn(userId);
        json["targetPrincipal"] = new JsonObject { ["externalId"] = userId, ["type"] = "OKTA_USER" };
        json["parentResourceOrn"] = state.AppOrn(appId);
        json["parent"] = Parent(appId);
        json["values"] = new JsonArray([.. e.Values.Where(v => valueIds.Contains(v.Id)).Select(v => (JsonNode)OmitNullDescription(new JsonObject
        {
            ["id"] = v.Id, ["name"] = v.Name, ["externalValue"] = v.ExternalValue, ["description"] = v.Description,
        }))]);
        return OmitNullDescription(json);
    }

    /// <summary>The fields every entitlement answer starts with, in Okta's order.</summary>
    private static JsonObject Head(OigEntitlement e) => new()
    {
        ["id"] = e.Id,
        ["name"] = e.Name,
        ["externalValue"] = e.ExternalValue,
        ["description"] = e.Description,
        ["multiValue"] = e.MultiValue,
        ["required"] = false,
        ["dataType"] = e.DataType,
    };

    /// <summary>revoke-principal-access's answer: per app whose grants changed, links to the principal's access there.</summary>
    public static JsonObject Revocation(IEnumerable<string> apps, string userId, HttpContext context) => new()
    {
        ["data"] = new JsonArray([.. apps.Select(appId =>
        {
            var query = $"?filter=parent.externalId eq \"{appId}\" AND parent.type eq \"APPLICATION\" AND targetPrincipal.externalId eq \"{userId}\" AND targetPrincipal.type eq \"OKTA_USER\"";
            return (JsonNode)new JsonObject
            {
                ["_links"] = new JsonObject
                {
                    ["principal-access"] = OktaJson.Href(context, "/governance/api/v1/principal-access" + query),
                    ["principal-entitlements"] = OktaJson.Href(context, "/governance/api/v1/principal-entitlements" + query),
                },
            };
        })]),
    };

    /// <summary>A single OIG object as the answer (200 unless told).</summary>
    public static IResult Answer(JsonObject json, int? statusCode = null) =>
        Results.Content(json.ToJsonString(SandboxJson.Options), "application/json", statusCode: statusCode);

    /// <summary>
    /// The {data, _links{self, next?}, metadata{total}?} list envelope, with the Link header set to match. Okta's spec
    /// gives entitlement and value lists metadata.total (the count of every match, not of this page); grant lists have none.
    /// </summary>
    public static IResult List(HttpContext context, IEnumerable<JsonNode> items, string? nextAfter, int? total = null)
    {
        OktaRequest.SetLinks(context, nextAfter);
        var links = new JsonObject
        {
            ["self"] = new JsonObject { ["href"] = OktaRequest.LinkWithAfter(context, context.Request.Query["after"].ToString() is { Length: > 0 } a ? a : null) },
        };
        if (nextAfter is not null)
        {
            links["next"] = new JsonObject { ["href"] = OktaRequest.LinkWithAfter(context, nextAfter) };
        }

        var body = new JsonObject { ["data"] = new JsonArray([.. items]), ["_links"] = links };
        if (total is not null)
        {
            body["metadata"] = new JsonObject { ["total"] = total };
        }

        return context.RequestServices.GetRequiredService<AnswerFaults>().Answer(context, body, AnswerShape.Oig);
    }
}
