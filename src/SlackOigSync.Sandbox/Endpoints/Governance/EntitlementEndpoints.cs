using System.Text.Json;
using System.Text.Json.Nodes;
using SlackOigSync.Sandbox.Endpoints.Okta;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sandbox.State;
using static SlackOigSync.Sandbox.Endpoints.Governance.GovernanceRequest;

namespace SlackOigSync.Sandbox.Endpoints.Governance;

/// <summary>OIG entitlements and their values: list, create, get, patch (name, description, values) and list values.</summary>
internal static class EntitlementEndpoints
{
    private static readonly HashSet<string> FilterAttributes =
        new(["parent.externalId", "parent.type", "externalValue", "name", "id"], StringComparer.Ordinal);

    public static void Map(IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/governance/api/v1");
        v1.MapGet("entitlements", List).WithName("oig:GET /governance/api/v1/entitlements").AcceptsAnswerFaults(hasList: true);
        v1.MapPost("entitlements", Create).WithName("oig:POST /governance/api/v1/entitlements");
        v1.MapGet("entitlements/{id}", Get).WithName("oig:GET /governance/api/v1/entitlements/{id}");
        v1.MapPatch("entitlements/{id}", Patch).WithName("oig:PATCH /governance/api/v1/entitlements/{id}");
        v1.MapGet("entitlements/{id}/values", ListValues).WithName("oig:GET /governance/api/v1/entitlements/{id}/values").AcceptsAnswerFaults(hasList: true);
    }

    private static IResult List(HttpContext context, SandboxState state, SandboxTokens tokens)
    {
        // Okta's spec marks filter as required for this list (entitlements-filter, required: true).
        if (PrepareList(context, tokens, Read, "ent", FilterAttributes, filterRequired: true, out var filter, out var limit, out var after) is { } error)
        {
            return error;
        }

        lock (state.Gate)
        {
            if (filter!.EqualityValue("parent.externalId") is { } appId && CheckApp(state, appId, "/parent.externalId") is { } appError)
            {
                return appError;
            }

            bool Matches(OigEntitlement e) =>
                state.GovernanceEnabledApps.Contains(e.AppId) && filter.Matches(a => [Attribute(e, a)], StringComparison.Ordinal);
            var (items, next) = state.Entitlements.Page(after, limit, Matches);
            return GovernanceJson.List(
                context, items.Select(e => (JsonNode)GovernanceJson.Entitlement(e, state, context, null)), EncodeNext("ent", next), total: state.Entitlements.All.Count(Matches));
        }
    }

    private static async Task<IResult> Create(HttpContext context, SandboxState state, SandboxTokens tokens)
    {
        var (refused, read) = await GovernanceRequest.ReadAuthorizedObjectAsync(context, tokens, Manage);
        if (read is not { } body)
        {
            return refused!;
        }

        foreach (var field in new[] { "name", "externalValue", "dataType" })
        {
            if (body[field]?.GetValueKind() != JsonValueKind.String || body[field]!.GetValue<string>().Length == 0)
            {
                return OktaErrors.ValidationFailed("must have required field", $"/{field}");
            }
        }

        if (body["multiValue"]?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            return OktaErrors.ValidationFailed("must have required field", "/multiValue");
        }

        var appId = body["parent"]?["externalId"]?.GetValue<string>();
        if (appId is null || body["parent"]?["type"]?.GetValue<string>() != "APPLICATION")
        {
            return OktaErrors.ValidationFailed("must have required field", "/parent");
        }

        lock (state.Gate)
        {
            if (CheckApp(state, appId, "/parent/externalId") is { } appError)
            {
                return appError;
            }

            var externalValue = body["externalValue"]!.GetValue<string>();
            if (state.Entitlements.All.Any(e => e.AppId == appId && e.ExternalValue == externalValue))
            {
                return OktaErrors.Error(400, "E0000001", $"Api validation failed: /externalValue {externalValue} already exists", (
                    $"An entitlement with externalValue {externalValue} already exists for this resource", "DUPLICATE_VALUE", "/externalValue"));
            }

            var now = state.Clock.GetUtcNow();
            var entitlement = OigEntitlementChanges.New(
                state, appId, body["name"]!.GetValue<string>(), externalValue, body["description"]?.GetValue<string>(),
                body["multiValue"]!.GetValue<bool>(), body["dataType"]!.GetValue<string>(), now);
            var values = new List<OigEntitlementValue>();
            foreach (var node in body["values"]?.AsArray() ?? [])
            {
                if (EntitlementRequest.ReadNewValue(node, entitlement, values, state, now, out var value) is { } valueError)
                {
                    return valueError;
                }

                values.Add(value!);
            }

            OigEntitlementChanges.Add(state, entitlement, values);
            return GovernanceJson.Answer(GovernanceJson.Entitlement(entitlement, state, context, entitlement.Values), statusCode: 201);
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
            return FindEntitlement(state, id) is { } e
                ? GovernanceJson.Answer(GovernanceJson.Entitlement(e, state, context, e.Values))
                : NotFound();
        }
    }

    private static async Task<IResult> Patch(string id, HttpContext context, SandboxState state, SandboxTokens tokens)
    {
        if (OktaRequest.Authorize(context, tokens, Manage) is { } denied)
        {
            return denied;
        }

        if (await ReadBody(context) is not JsonArray operations || operations.Count == 0)
        {
            return OktaErrors.ValidationFailed("the body must be a non-empty array of operations", "/");
        }

        if (operations.Count > 100)
        {
            // The spec's entitlement-patch schema: maxItems 100.
            return OktaErrors.ValidationFailed("size must be between 1 and 100", "/");
        }

        lock (state.Gate)
        {
            if (FindEntitlement(state, id) is not { } e)
            {
                return NotFound();
            }

            var now = state.Clock.GetUtcNow();
            if (EntitlementRequest.ReadEdits(operations, e, state, now, out var edits) is { } invalid)
            {
                return invalid;
            }

            OigEntitlementChanges.Apply(state, e, edits, now);
            return GovernanceJson.Answer(GovernanceJson.Entitlement(e, state, context, EntitlementRequest.Touched(edits)));
        }
    }

    private static IResult ListValues(string id, HttpContext context, SandboxState state, SandboxTokens tokens)
    {
        if (PrepareList(context, tokens, Read, "val", FilterAttributes, filterRequired: false, out _, out var limit, out var after) is { } error)
        {
            return error;
        }

        lock (state.Gate)
        {
            if (FindEntitlement(state, id) is not { } e)
            {
                return NotFound();
            }

            // Values page in id order, keyset on the last id served.
            var ordered = e.Values.OrderBy(v => v.Id, StringComparer.Ordinal).Where(v => after is null || string.CompareOrdinal(v.Id, after) > 0).ToList();
            var page = ordered.Take(limit).ToList();
            var next = ordered.Count > limit ? page[^1].Id : null;
            return GovernanceJson.List(context, page.Select(v => (JsonNode)GovernanceJson.Value(v, e, state, context)), EncodeNext("val", next), total: e.Values.Count);
        }
    }

    private static string? Attribute(OigEntitlement e, string attribute) => attribute switch
    {
        "parent.externalId" => e.AppId,
        "parent.type" => "APPLICATION",
        "externalValue" => e.ExternalValue,
        "name" => e.Name,
        "id" => e.Id,
        _ => null,
    };
}
