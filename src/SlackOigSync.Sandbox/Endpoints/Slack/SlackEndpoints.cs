using System.Globalization;
using System.Text.Json.Nodes;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sandbox.State;

namespace SlackOigSync.Sandbox.Endpoints.Slack;

/// <summary>The Slack Web API methods the sync uses, under /slack/api/ (Slack's is https://slack.com/api/).</summary>
internal static class SlackEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/slack/api");
        string[] verbs = ["GET", "POST"];
        api.MapMethods("admin.roles.listAssignments", verbs, ListAssignments).WithName("slack:admin.roles.listAssignments").AcceptsAnswerFaults(hasList: true);
        api.MapMethods("admin.users.list", verbs, AdminUsersList).WithName("slack:admin.users.list").AcceptsAnswerFaults(hasList: true);
        api.MapMethods("users.info", verbs, UsersInfo).WithName("slack:users.info").AcceptsAnswerFaults(hasList: false);
        api.MapMethods("users.lookupByEmail", verbs, LookupByEmail).WithName("slack:users.lookupByEmail").AcceptsAnswerFaults(hasList: false);

        // Any other method: Slack answers HTTP 200 {"ok":false,"error":"unknown_method"}, not a 404. A catch-all route has
        // the lowest precedence, so the methods above still win.
        api.MapMethods("{*method}", verbs, () => SlackErrors.Error("unknown_method")).WithName("slack:unknown_method");
    }

    private static async Task<IResult> ListAssignments(HttpContext context, SandboxState state, SandboxTokens tokens)
    {
        var request = await SlackRequest.ReadAsync(context);
        if (request.Authorize(tokens, "admin.roles.listAssignments", "admin.roles:read", out _) is { } denied)
        {
            return denied;
        }

        if (!state.EnterpriseGrid)
        {
            return SlackErrors.Error("feature_not_enabled");
        }

        if (!TryLimit(request.Arg("limit"), 200, 200, out var limit))
        {
            return SlackErrors.Error("invalid_limit");
        }

        if (!Cursor.TryDecode("ra", request.Arg("cursor"), out var after))
        {
            return SlackErrors.Error("invalid_cursor");
        }

        var sortDir = request.Arg("sort_dir")?.ToUpperInvariant() ?? "DESC";
        if (sortDir is not ("ASC" or "DESC"))
        {
            return SlackErrors.Error("invalid_sort_dir");
        }

        if (!request.TryListArg("role_ids", out var roleIds) || !request.TryListArg("entity_ids", out var entityIds))
        {
            return SlackErrors.Error("invalid_array_arg");
        }

        lock (state.Gate)
        {
            var (items, next) = state.Assignments.Page(
                after,
                limit,
                a => (roleIds is null || roleIds.Contains(a.RoleId)) && (entityIds is null || entityIds.Contains(a.EntityId)),
                descending: sortDir == "DESC");
            return SlackJson.Ok(
                context,
                new JsonObject
                {
                    ["role_assignments"] = new JsonArray([.. items.Select(SlackJson.Assignment)]),
                    ["response_metadata"] = SlackJson.Metadata(next is null ? null : Cursor.Encode("ra", next)),
                },
                "role_assignments",
                request.Arg("cursor") ?? Cursor.Encode("ra", Cursor.FirstPage));
        }
    }

    private static async Task<IResult> AdminUsersList(HttpContext context, SandboxState state, SandboxTokens tokens)
    {
        var request = await SlackRequest.ReadAsync(context);
        if (request.Authorize(tokens, "admin.users.list", "admin.users:read", out _) is { } denied)
        {
            return denied;
        }

        if (!state.EnterpriseGrid)
        {
            return SlackErrors.Error("feature_not_enabled");
        }

        // 999 is the largest page Slack's SDKs document for cursor-paged methods; Slack refuses more, so do we.
        if (!TryLimit(request.Arg("limit"), 999, 100, out var limit))
        {
            return SlackErrors.Error("invalid_limit");
        }

        // Slack lists active users only unless asked for is_active=false, which lists deactivated users only.
        if (!TryBool(request.Arg("is_active"), fallback: true, out var active))
        {
            return SlackErrors.Error("invalid_arguments");
        }

        if (!Cursor.TryDecode("au", request.Arg("cursor"), out var after))
        {
            return SlackErrors.Error("invalid_cursor");
        }

        var teamId = request.Arg("team_id");
        lock (state.Gate)
        {
            var (items, next) = state.SlackUsers.Page(after, limit, u => (teamId is null || u.TeamId == teamId) && !u.Deleted == active);
            return SlackJson.Ok(
                context,
                new JsonObject
                {
                    ["users"] = new JsonArray([.. items.Select(SlackJson.AdminUser)]),
                    ["response_metadata"] = SlackJson.Metadata(next is null ? null : Cursor.Encode("au", next)),
                },
                "users",
                request.Arg("cursor") ?? Cursor.Encode("au", Cursor.FirstPage));
        }
    }

    private static async Task<IResult> UsersInfo(HttpContext context, SandboxState state, SandboxTokens tokens)
    {
        var request = await SlackRequest.ReadAsync(context);
        if (request.Authorize(tokens, "users.info", "users:read", out var scopes) is { } denied)
        {
            return denied;
        }

        var userId = request.Arg("user");
        lock (state.Gate)
        {
            var user = userId is null ? null : state.SlackUsers.Find(userId);
            return user is null
                ? SlackErrors.Error("user_not_found")
                : SlackJson.Ok(context, new JsonObject { ["user"] = SlackJson.User(user, state, scopes.Contains("users:read.email")) });
        }
    }

    private static async Task<IResult> LookupByEmail(HttpContext context, SandboxState state, SandboxTokens tokens)
    {
        var request = await SlackRequest.ReadAsync(context);
        if (request.Authorize(tokens, "users.lookupByEmail", "users:read.email", out _) is { } denied)
        {
            return denied;
        }

        var email = request.Arg("email");
        lock (state.Gate)
        {
            var user = email is null
                ? null
                : state.SlackUsers.All.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));
            return user is null
                ? SlackErrors.Error("users_not_found")
                : SlackJson.Ok(context, new JsonObject { ["user"] = SlackJson.User(user, state, withEmail: true) });
        }
    }

    private static bool TryLimit(string? raw, int max, int fallback, out int limit)
    {
        limit = fallback;
        return raw is null || (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit >= 1 && limit <= max);
    }

    /// <summary>Slack's booleans: true/false or 1/0.</summary>
    private static bool TryBool(string? raw, bool fallback, out bool value)
    {
        value = fallback;
        switch (raw?.Trim().ToLowerInvariant())
        {
            case null:
                return true;
            case "true" or "1":
                value = true;
                return true;
            case "false" or "0":
                value = false;
                return true;
            default:
                return false;
        }
    }
}
