using System.Text.Json.Nodes;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sandbox.State;

namespace SlackOigSync.Sandbox.Endpoints.Okta;

/// <summary>The Okta management API endpoints the sync uses: users, app users, org metadata.</summary>
internal static class OktaEndpoints
{
    private static readonly HashSet<string> SearchableUserAttributes =
        new(["id", "status", "profile.email", "profile.login", "profile.firstName", "profile.lastName"], StringComparer.Ordinal);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/okta-organization", OrgMetadata).WithName("okta:GET /.well-known/okta-organization");
        app.MapGet("/api/v1/users", ListUsers).WithName("okta:GET /api/v1/users").AcceptsAnswerFaults(hasList: true);
        app.MapGet("/api/v1/apps/{appId}/users", ListAppUsers).WithName("okta:GET /api/v1/apps/{appId}/users").AcceptsAnswerFaults(hasList: true);
    }

    private static IResult OrgMetadata(HttpContext context, SandboxState state) =>
        Results.Content(OktaJson.OrgMetadata(state, context).ToJsonString(SandboxJson.Options), "application/json");

    private static IResult ListUsers(HttpContext context, SandboxState state, SandboxTokens tokens)
    {
        if (OktaRequest.Authorize(context, tokens, "okta.users.read") is { } denied)
        {
            return denied;
        }

        if (!OktaRequest.TryLimit(context, 200, 200, out var limit))
        {
            return OktaErrors.InvalidLimit();
        }

        if (!Cursor.TryDecode("users", NullIfEmpty(context.Request.Query["after"]), out var after))
        {
            return OktaErrors.Error(400, "E0000029", "Invalid paging request", ("The `after` parameter isn't valid.", "INVALID_DATA_TYPE", "/after"));
        }

        var expression = NullIfEmpty(context.Request.Query["search"]) ?? NullIfEmpty(context.Request.Query["filter"]);
        ScimFilter? filter = null;
        if (expression is not null)
        {
            try
            {
                filter = ScimFilter.Parse(expression);
            }
            catch (FormatException e)
            {
                return OktaErrors.InvalidSearch(e.Message);
            }

            if (filter.Attributes.FirstOrDefault(a => !SearchableUserAttributes.Contains(a)) is { } unsupported)
            {
                return OktaErrors.InvalidSearch($"Unsupported attribute '{unsupported}'.");
            }
        }

        lock (state.Gate)
        {
            // Without a search, Okta leaves out DEPROVISIONED users; property values compare case-insensitively.
            var (items, next) = state.OktaUsers.Page(after, limit, u => filter is null
                ? u.Status != "DEPROVISIONED"
                : filter.Matches(attribute => [UserAttribute(u, attribute)], StringComparison.OrdinalIgnoreCase));
            OktaRequest.SetLinks(context, next is null ? null : Cursor.Encode("users", next));
            return Faults(context).Answer(context, new JsonArray([.. items.Select(u => OktaJson.User(u, context))]), AnswerShape.Okta);
        }
    }

    private static IResult ListAppUsers(string appId, HttpContext context, SandboxState state, SandboxTokens tokens)
    {
        if (OktaRequest.Authorize(context, tokens, "okta.apps.read") is { } denied)
        {
            return denied;
        }

        if (!OktaRequest.TryLimit(context, 500, 50, out var limit))
        {
            return OktaErrors.InvalidLimit();
        }

        if (!Cursor.TryDecode("appusers", NullIfEmpty(context.Request.Query["after"]), out var after))
        {
            return OktaErrors.Error(400, "E0000029", "Invalid paging request", ("The `after` parameter isn't valid.", "INVALID_DATA_TYPE", "/after"));
        }

        lock (state.Gate)
        {
            if (!state.AppUsers.TryGetValue(appId, out var store))
            {
                return OktaErrors.NotFound($"Resource not found: {appId} (App)");
            }

            var (items, next) = store.Page(after, limit, _ => true);
            OktaRequest.SetLinks(context, next is null ? null : Cursor.Encode("appusers", next));
            return Faults(context).Answer(context, new JsonArray([.. items.Select(u => OktaJson.AppUser(u, context))]), AnswerShape.Okta);
        }
    }

    private static AnswerFaults Faults(HttpContext context) => context.RequestServices.GetRequiredService<AnswerFaults>();

    private static string? UserAttribute(OktaUser u, string attribute) => attribute switch
    {
        "id" => u.Id,
        "status" => u.Status,
        "profile.email" => u.Email,
        "profile.login" => u.Login,
        "profile.firstName" => u.FirstName,
        "profile.lastName" => u.LastName,
        _ => null,
    };

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) => value.Count == 0 || string.IsNullOrEmpty(value[0]) ? null : value[0];
}
