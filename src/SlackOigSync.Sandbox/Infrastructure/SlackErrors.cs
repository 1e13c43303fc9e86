using System.Text.Json.Nodes;

namespace SlackOigSync.Sandbox.Infrastructure;

/// <summary>Slack answers HTTP 200 with {"ok": false, "error": …} for every failure except rate limiting.</summary>
public static class SlackErrors
{
    public static IResult Error(string error, string? needed = null, string? provided = null)
    {
        var body = new JsonObject { ["ok"] = false, ["error"] = error };
        if (needed is not null)
        {
            body["needed"] = needed;
            body["provided"] = provided ?? string.Empty;
        }

        return Results.Content(body.ToJsonString(SandboxJson.Options), "application/json");
    }

    /// <summary>
    /// ok:false with the error and each non-empty rejected_users / rejected_entities list of {id, error}, as
    /// admin.roles.addAssignments and removeAssignments answer.
    /// </summary>
    public static IResult Rejected(string error, IReadOnlyList<(string Id, string Error)> users, IReadOnlyList<(string Id, string Error)> entities)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(entities);
        var body = new JsonObject { ["ok"] = false, ["error"] = error };
        if (users.Count > 0)
        {
            body["rejected_users"] = RejectedList(users);
        }

        if (entities.Count > 0)
        {
            body["rejected_entities"] = RejectedList(entities);
        }

        return Results.Content(body.ToJsonString(SandboxJson.Options), "application/json");
    }

    /// <summary>ok:false with the error and its reasons in an errors list beside it, as Slack answers invalid_blocks.</summary>
    public static IResult WithReasons(string error, params string[] reasons) =>
        Results.Content(new JsonObject { ["ok"] = false, ["error"] = error, ["errors"] = new JsonArray([.. reasons.Select(r => (JsonNode)r)]) }.ToJsonString(SandboxJson.Options), "application/json");

    public static IResult RateLimited(int retryAfterSeconds) => new RateLimitedResult(retryAfterSeconds);

    private static JsonArray RejectedList(IEnumerable<(string Id, string Error)> items) =>
        new([.. items.Select(i => (JsonNode)new JsonObject { ["id"] = i.Id, ["error"] = i.Error })]);

    private sealed class RateLimitedResult(int retryAfterSeconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            httpContext.Response.ContentType = "application/json";
            return httpContext.Response.WriteAsync("""{"ok":false,"error":"ratelimited"}""");
        }
    }
}
