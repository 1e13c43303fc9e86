using System.Text.Json;
using System.Text.Json.Nodes;
using SlackOigSync.Sandbox.Endpoints.Okta;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sandbox.State;

namespace SlackOigSync.Sandbox.Endpoints.Governance;

/// <summary>What the OIG endpoints share in reading a request: scopes, list arguments (auth, limit, after, filter), the app named, the body.</summary>
internal static class GovernanceRequest
{
    public const string Read = "okta.governance.entitlements.read";
    public const string Manage = "okta.governance.entitlements.manage";

    /// <summary>Authorizes a list call and reads its limit, after and filter; returns the error to answer, or null.</summary>
    /// <param name="cursorTag">The list's cursor tag, so an "after" from one list is refused by another.</param>
    public static IResult? PrepareList(
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
    public static IResult? CheckApp(SandboxState state, string appId, string location)
    {
        if (!state.AppExists(appId))
        {
            return OktaErrors.Error(400, "E0000029", "Invalid externalId request.", ($"{appId} not found", "IDENTIFIER_NOT_FOUND", location));
        }

        return state.GovernanceEnabledApps.Contains(appId) ? null : OktaErrors.Error(404, "E0000007", "Resource not found exception");
    }

    /// <summary>An entitlement of an app whose entitlement management is on; others are not found.</summary>
    public static OigEntitlement? FindEntitlement(SandboxState state, string id) =>
        state.Entitlements.Find(id) is { } e && state.GovernanceEnabledApps.Contains(e.AppId) ? e : null;

    public static IResult NotFound() => OktaErrors.Error(404, "E0000007", "Resource not found exception");

    /// <summary>An id in the body that names nothing: 400, the cause's location naming the field.</summary>
    public static IResult NotFoundInBody(string id, string location) =>
        OktaErrors.Error(400, "E0000001", $"Api validation failed: {location} {id} not found", ($"{id} not found", "IDENTIFIER_NOT_FOUND", location));

    public static string? EncodeNext(string tag, string? key) => key is null ? null : Cursor.Encode(tag, key);

    /// <summary>For a write: the caller's token must carry the scope, and the body must be a JSON object (Okta's 403 or 400 otherwise).</summary>
    public static async Task<(IResult? Refused, JsonObject? Body)> ReadAuthorizedObjectAsync(HttpContext context, SandboxTokens tokens, string scope)
    {
        if (OktaRequest.Authorize(context, tokens, scope) is { } denied)
        {
            return (denied, null);
        }

        return await ReadBody(context) is JsonObject body ? (null, body) : (OktaErrors.ValidationFailed("the body must be a JSON object", "/"), null);
    }

    /// <summary>The JSON body, or null when it is not JSON.</summary>
    public static async Task<JsonNode?> ReadBody(HttpContext context)
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
