using System.Text.Json;
using System.Text.Json.Nodes;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sandbox.State;
using SlackOigSync.Sandbox.Endpoints.Okta;

namespace SlackOigSync.Sandbox.Endpoints.Governance;

/// <summary>The Okta Identity Governance endpoints the sync uses: entitlements and values, grants, revocation, principal entitlements.</summary>
internal static class GovernanceEndpoints
{
    private const string Read = "okta.governance.entitlements.read";
    private const string Manage = "okta.governance.entitlements.manage";

    private static readonly HashSet<string> EntitlementFilterAttributes =
        new(["parent.externalId", "parent.type", "externalValue", "name", "id"], StringComparer.Ordinal);

    private static readonly HashSet<string> GrantFilterAttributes = new(
        ["target.externalId", "target.type", "targetResourceOrn", "targetPrincipal.externalId", "targetPrincipal.type", "targetPrincipalOrn",
         "entitlementBundleId", "entitlements.id", "entitlements.values.id", "action"],
        StringComparer.Ordinal);

    public static void Map(IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/governance/api/v1");
        v1.MapGet("entitlements", ListEntitlements).WithName("oig:GET /governance/api/v1/entitlements").AcceptsAnswerFaults(hasList: true);
        v1.MapPost("entitlements", CreateEntitlement).WithName("oig:POST /governance/api/v1/entitlements");
        v1.MapGet("entitlements/{id}", GetEntitlement).WithName("oig:GET /governance/api/v1/entitlements/{id}");
        v1.MapPatch("entitlements/{id}", PatchEntitlement).WithName("oig:PATCH /governance/api/v1/entitlements/{id}");
        v1.MapGet("entitlements/{id}/values", ListValues).WithName("oig:GET /governance/api/v1/entitlements/{id}/values").AcceptsAnswerFaults(hasList: true);
        v1.MapGet("grants", ListGrants).WithName("oig:GET /governance/api/v1/grants").AcceptsAnswerFaults(hasList: true);
        v1.MapPost("grants", CreateGrant).WithName("oig:POST /governance/api/v1/grants");
        v1.MapGet("principal-entitlements", PrincipalEntitlements).WithName("oig:GET /governance/api/v1/principal-entitlements").AcceptsAnswerFaults(hasList: true);
        app.MapPost("/governance/api/v2/revoke-principal-access", Revoke).WithName("oig:POST /governance/api/v2/revoke-principal-access");
    }

    private static IResult ListEntitlements(HttpContext context, SandboxState state, SandboxTokens tokens)
    {
        // Okta's spec marks filter as required for this list (entitlements-filter, required: true).
        if (Prepare(context, tokens, Read, "ent", EntitlementFilterAttributes, filterRequired: true, out var filter, out var limit, out var after) is { } error)
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
                state.GovernanceEnabledApps.Contains(e.AppId) && filter.Matches(a => [EntitlementAttribute(e, a)], StringComparison.Ordinal);
            var (items, next) = state.Entitlements.Page(after, limit, Matches);
            return GovernanceJson.List(
                context, items.Select(e => (JsonNode)GovernanceJson.Entitlement(e, state, context, null)), EncodeNext("ent", next), total: state.Entitlements.All.Count(Matches));
        }
    }

    private static async Task<IResult> CreateEntitlement(HttpContext context, SandboxState state, SandboxTokens tokens)
    {
        if (OktaRequest.Authorize(context, tokens, Manage) is { } denied)
        {
            return denied;
        }

        if (await ReadBody(context) is not JsonObject body)
        {
            return OktaErrors.ValidationFailed("the body must be a JSON object", "/");
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
            var entitlement = new OigEntitlement
            {
                Id = state.Ids.Okta("esp"), AppId = appId, Name = body["name"]!.GetValue<string>(), ExternalValue = externalValue,
                Description = body["description"]?.GetValue<string>(), MultiValue = body["multiValue"]!.GetValue<bool>(),
                DataType = body["dataType"]!.GetValue<string>(), Created = now, LastUpdated = now,
            };
            foreach (var node in body["values"]?.AsArray() ?? [])
            {
                if (ParseNewValue(node, entitlement, state, now, out var value) is { } valueError)
                {
                    return valueError;
                }

                entitlement.Values.Add(value!);
            }

            state.Entitlements.Add(entitlement.Id, entitlement);
            return Results.Content(GovernanceJson.Entitlement(entitlement, state, context, entitlement.Values).ToJsonString(SandboxJson.Options), "application/json", statusCode: 201);
        }
    }

    private static IResult GetEntitlement(string id, HttpContext context, SandboxState state, SandboxTokens tokens)
    {
        if (OktaRequest.Authorize(context, tokens, Read) is { } denied)
        {
            return denied;
        }

        lock (state.Gate)
        {
            return FindEntitlement(state, id) is { } e
                ? Results.Content(GovernanceJson.Entitlement(e, state, context, e.Values).ToJsonString(SandboxJson.Options), "application/json")
                : OktaErrors.Error(404, "E0000007", "Resource not found exception");
        }
    }

    private static IResult ListValues(string id, HttpContext context, SandboxState state, SandboxTokens tokens)
    {
        if (Prepare(context, tokens, Read, "val", EntitlementFilterAttributes, filterRequired: false, out _, out var limit, out var after) is { } error)
        {
            return error;
        }

        lock (state.Gate)
        {
            if (FindEntitlement(state, id) is not { } e)
            {
                return OktaErrors.Error(404, "E0000007", "Resource not found exception");
            }

            // Values page in id order, keyset on the last id served.
            var ordered = e.Values.OrderBy(v => v.Id, StringComparer.Ordinal).Where(v => after is null || string.CompareOrdinal(v.Id, after) > 0).ToList();
            var page = ordered.Take(limit).ToList();
            var next = ordered.Count > limit ? page[^1].Id : null;
            return GovernanceJson.List(context, page.Select(v => (JsonNode)GovernanceJson.Value(v, e, state, context)), EncodeNext("val", next), total: e.Values.Count);
        }
    }

    private static async Task<IResult> PatchEntitlement(string id, HttpContext context, SandboxState state, SandboxTokens tokens)
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
                return OktaErrors.Error(404, "E0000007", "Resource not found exception");
            }

            // Validate every operation before applying any, so a bad batch changes nothing.
            var now = state.Clock.GetUtcNow();
            var changes = new List<Action>();
            var touched = new List<OigEntitlementValue>();
            var pendingExternalValues = new HashSet<string>(StringComparer.Ordinal);
            foreach (var op in operations)
            {
                var verb = op?["op"]?.GetValue<string>();
                var path = op?["path"]?.GetValue<string>() ?? string.Empty;

                // refType is required and picks the operation's schema (the spec's discriminator): ENTITLEMENT-VALUE for
                // /values paths, ENTITLEMENT for the entitlement's own /name and /description.
                var refType = op?["refType"]?.GetValueKind() == JsonValueKind.String ? op["refType"]!.GetValue<string>() : null;
                var wanted = path.StartsWith("/values/", StringComparison.Ordinal) ? "ENTITLEMENT-VALUE" : "ENTITLEMENT";
                if (refType is null)
                {
                    return OktaErrors.ValidationFailed("must have required field", "/refType");
                }

                if (refType != wanted)
                {
                    return OktaErrors.Error(400, "E0000001", $"Api validation failed: /refType {refType}", (
                        $"refType {refType} does not fit path {path}; expected {wanted}", "INVALID_VALUE", "/refType"));
                }

                if (verb == "ADD" && path == "/values/-")
                {
                    if (ParseNewValue(op!["value"], e, state, now, out var value) is { } valueError)
                    {
                        return valueError;
                    }

                    if (!pendingExternalValues.Add(value!.ExternalValue))
                    {
                        return OktaErrors.ValidationFailed($"externalValue {value.ExternalValue} appears twice", "/value/externalValue");
                    }

                    changes.Add(() => e.Values.Add(value));
                    touched.Add(value);
                }
                else if (verb is "REPLACE" or "REMOVE" && path.StartsWith("/values/", StringComparison.Ordinal))
                {
                    var value = e.Values.Find(v => v.Id == path["/values/".Length..]);
                    if (value is null)
                    {
                        return OktaErrors.ValidationFailed($"{path["/values/".Length..]} not found", path);
                    }

                    if (verb == "REMOVE")
                    {
                        changes.Add(() => RemoveValue(state, e, value));
                        continue;
                    }

                    var name = op!["value"]?["name"]?.GetValue<string>();
                    var description = op["value"]?["description"]?.GetValue<string>();
                    changes.Add(() =>
                    {
                        value.Name = name ?? value.Name;
                        value.Description = description ?? value.Description;
                        value.LastUpdated = now;
                    });
                    touched.Add(value);
                }
                else if (verb is "ADD" or "REPLACE" && path is "/name" or "/description")
                {
                    var text = op!["value"]?.GetValue<string>();
                    changes.Add(() =>
                    {
                        if (path == "/name")
                        {
                            e.Name = text ?? e.Name;
                        }
                        else
                        {
                            e.Description = text;
                        }
                    });
                }
                else if (verb == "REMOVE" && path == "/description")
                {
                    changes.Add(() => e.Description = null);
                }
                else
                {
                    return OktaErrors.ValidationFailed($"unsupported operation {verb} {path}", "/op");
                }
            }

            changes.ForEach(change => change());
            e.LastUpdated = now;
            return Results.Content(GovernanceJson.Entitlement(e, state, context, touched.Distinct()).ToJsonString(SandboxJson.Options), "application/json");
        }
    }

    private static IResult ListGrants(HttpContext context, SandboxState state, SandboxTokens tokens)
    {
        if (Prepare(context, tokens, Read, "grant", GrantFilterAttributes, filterRequired: true, out var filter, out var limit, out var after) is { } error)
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
                && filter.Matches(a => GrantAttribute(g, state, a), StringComparison.Ordinal));
            return GovernanceJson.List(context, items.Select(g => (JsonNode)GovernanceJson.Grant(g, state, context, full)), EncodeNext("grant", next));
        }
    }

    private static async Task<IResult> CreateGrant(HttpContext context, SandboxState state, SandboxTokens tokens)
    {
        if (OktaRequest.Authorize(context, tokens, Manage) is { } denied)
        {
            return denied;
        }

        if (await ReadBody(context) is not JsonObject body)
        {
            return OktaErrors.ValidationFailed("the body must be a JSON object", "/");
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

            var now = state.Clock.GetUtcNow();
            var grant = new OigGrant
            {
                Id = state.Ids.Okta("0gg"), GrantType = grantType, AppId = appId, PrincipalUserId = userId,
                Actor = body["actor"]?.GetValue<string>() ?? "API", Created = now, LastUpdated = now,
            };
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

                grant.Entitlements[entitlementId!] = [.. valueIds.Distinct()];
            }

            state.Grants.Add(grant.Id, grant);
            return Results.Content(GovernanceJson.Grant(grant, state, context, fullEntitlements: false).ToJsonString(SandboxJson.Options), "application/json", statusCode: 201);
        }
    }

    private static async Task<IResult> Revoke(HttpContext context, SandboxState state, SandboxTokens tokens)
    {
        if (OktaRequest.Authorize(context, tokens, Manage) is { } denied)
        {
            return denied;
        }

        if (await ReadBody(context) is not JsonObject body)
        {
            return OktaErrors.ValidationFailed("the body must be a JSON object", "/");
        }

        var principalOrn = body["principalOrn"]?.GetValue<string>();
        if (principalOrn is null)
        {
            return OktaErrors.Error(400, "E0000001", "Api validation failed", ("principalOrn is required", null, null));
        }

        if (body["revokeOrns"] is not JsonArray orns || orns.Count is < 1 or > 5)
        {
            return OktaErrors.Error(400, "E0000001", "Api validation failed", ("revokeOrns must hold between 1 and 5 ORNs", null, null));
        }

        lock (state.Gate)
        {
            var userPrefix = $"orn:okta:directory:{state.OrgId}:users:";
            var userId = principalOrn.StartsWith(userPrefix, StringComparison.Ordinal) ? principalOrn[userPrefix.Length..] : null;
            if (userId is null || state.OktaUsers.Find(userId) is null)
            {
                return OktaErrors.Error(400, "E0000001", "Api validation failed", ("Invalid ORN format for principalOrn", null, null));
            }

            var valuePrefix = $"orn:okta:governance:{state.OrgId}:entitlement-values:";
            var valueIds = new List<string>();
            foreach (var orn in orns)
            {
                var text = orn?.GetValue<string>() ?? string.Empty;
                var valueId = text.StartsWith(valuePrefix, StringComparison.Ordinal) ? text[valuePrefix.Length..] : null;
                if (valueId is null || state.FindValue(valueId) is null)
                {
                    return OktaErrors.Error(400, "E0000001", "Api validation failed", ("Invalid ORN format for revokeObjectOrns", null, null));
                }

                valueIds.Add(valueId);
            }

            var (apps, _) = OigRevocation.Revoke(state, userId, valueIds);
            var data = new JsonArray([.. apps.Select(appId =>
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
            })]);
            return Results.Content(new JsonObject { ["data"] = data }.ToJsonString(SandboxJson.Options), "application/json");
        }
    }

    private static IResult PrincipalEntitlements(HttpContext context, SandboxState state, SandboxTokens tokens)
    {
        if (Prepare(context, tokens, Read, "principal", new(["parent.externalId", "parent.type", "targetPrincipal.externalId", "targetPrincipal.type", "targetPrincipalOrn", "parentResourceOrn"], StringComparer.Ordinal),
                filterRequired: true, out var filter, out _, out _) is { } error)
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
            var data = new JsonArray();
            foreach (var group in held)
            {
                if (state.Entitlements.Find(group.Key) is not { } e)
                {
                    continue;
                }

                var valueIds = group.SelectMany(v => v).ToHashSet(StringComparer.Ordinal);
                data.Add(GovernanceJson.OmitNullDescription(new JsonObject
                {
                    ["id"] = e.Id,
                    ["name"] = e.Name,
                    ["externalValue"] = e.ExternalValue,
                    ["description"] = e.Description,
                    ["multiValue"] = e.MultiValue,
                    ["required"] = false,
                    ["dataType"] = e.DataType,
                    ["targetPrincipalOrn"] = state.UserOrn(userId),
                    ["targetPrincipal"] = new JsonObject { ["externalId"] = userId, ["type"] = "OKTA_USER" },
                    ["parentResourceOrn"] = state.AppOrn(appId),
                    ["parent"] = GovernanceJson.Parent(appId),
                    ["values"] = new JsonArray([.. e.Values.Where(v => valueIds.Contains(v.Id)).Select(v => (JsonNode)GovernanceJson.OmitNullDescription(new JsonObject
                    {
                        ["id"] = v.Id, ["name"] = v.Name, ["externalValue"] = v.ExternalValue, ["description"] = v.Description,
                    }))]),
                }));
            }

            return GovernanceJson.List(context, data.Select(n => n!.DeepClone()), null);
        }
    }

    /// <param name="cursorTag">The list's cursor tag, so an "after" from one list is refused by another.</param>
    private static IResult? Prepare(
        HttpContext context, SandboxTokens tokens, string scope, string cursorTag, HashSet<string> attributes, bool filterRequired,
        out ScimFilter? filter, out int limit, out string? after)
    {
        filter = null;
        after = null;
        limit = 20;
        if (OktaRequest.Authorize(context, tokens, scope) is { } denied)
        {
            return denied;
        }

        if (!OktaRequest.TryLimit(context, 200, 20, out limit))
        {
            return OktaErrors.InvalidLimit();
        }

        var rawAfter = context.Request.Query["after"].ToString();
        if (!Cursor.TryDecode(cursorTag, rawAfter.Length == 0 ? null : rawAfter, out after))
        {
            return OktaErrors.Error(400, "E0000029", "Invalid paging request", ("The `after` parameter isn't valid.", "INVALID_DATA_TYPE", "/after"));
        }

        var raw = context.Request.Query["filter"].ToString();
        if (raw.Length == 0)
        {
            return filterRequired ? OktaErrors.InvalidFilter("The `filter` parameter is required.") : null;
        }

        try
        {
            filter = ScimFilter.Parse(raw);
        }
        catch (FormatException e)
        {
            return OktaErrors.InvalidFilter(e.Message);
        }

        return filter.Attributes.FirstOrDefault(a => !attributes.Contains(a)) is { } unsupported
            ? OktaErrors.InvalidFilter($"Filtering on `{unsupported}` isn't supported.")
            : null;
    }

    /// <summary>Unknown apps are a bad request; apps without entitlement management answer 404, as Okta documents.</summary>
    private static IResult? CheckApp(SandboxState state, string appId, string location)
    {
        if (!state.AppExists(appId))
        {
            return OktaErrors.Error(400, "E0000029", "Invalid externalId request.", ($"{appId} not found", "IDENTIFIER_NOT_FOUND", location));
        }

        return state.GovernanceEnabledApps.Contains(appId) ? null : OktaErrors.Error(404, "E0000007", "Resource not found exception");
    }

    private static OigEntitlement? FindEntitlement(SandboxState state, string id) =>
        state.Entitlements.Find(id) is { } e && state.GovernanceEnabledApps.Contains(e.AppId) ? e : null;

    private static IResult? ParseNewValue(JsonNode? node, OigEntitlement entitlement, SandboxState state, DateTimeOffset now, out OigEntitlementValue? value)
    {
        value = null;
        var name = node?["name"]?.GetValue<string>();
        var externalValue = node?["externalValue"]?.GetValue<string>();
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(externalValue))
        {
            return OktaErrors.ValidationFailed("must have required field", string.IsNullOrEmpty(name) ? "/values/name" : "/values/externalValue");
        }

        if (entitlement.Values.Any(v => v.ExternalValue == externalValue))
        {
            return OktaErrors.Error(400, "E0000001", $"Api validation failed: /values/externalValue {externalValue} already exists", (
                $"A value with externalValue {externalValue} already exists", "DUPLICATE_VALUE", "/values/externalValue"));
        }

        value = new OigEntitlementValue
        {
            Id = state.Ids.Okta("ent"), EntitlementId = entitlement.Id, Name = name, ExternalValue = externalValue,
            Description = node?["description"]?.GetValue<string>(), Created = now, LastUpdated = now,
        };
        return null;
    }

    private static void RemoveValue(SandboxState state, OigEntitlement entitlement, OigEntitlementValue value)
    {
        entitlement.Values.Remove(value);
        foreach (var grant in state.Grants.All)
        {
            if (grant.Entitlements.TryGetValue(entitlement.Id, out var ids) && ids.Remove(value.Id) && ids.Count == 0)
            {
                grant.Entitlements.Remove(entitlement.Id);
                if (grant.Entitlements.Count == 0)
                {
                    grant.Status = "INACTIVE";
                }
            }
        }
    }

    private static string? EntitlementAttribute(OigEntitlement e, string attribute) => attribute switch
    {
        "parent.externalId" => e.AppId,
        "parent.type" => "APPLICATION",
        "externalValue" => e.ExternalValue,
        "name" => e.Name,
        "id" => e.Id,
        _ => null,
    };

    private static IEnumerable<string?> GrantAttribute(OigGrant g, SandboxState state, string attribute) => attribute switch
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

    private static IResult NotFoundInBody(string id, string location) =>
        OktaErrors.Error(400, "E0000001", $"Api validation failed: {location} {id} not found", ($"{id} not found", "IDENTIFIER_NOT_FOUND", location));

    private static string? EncodeNext(string tag, string? key) => key is null ? null : Cursor.Encode(tag, key);

    private static async Task<JsonNode?> ReadBody(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
