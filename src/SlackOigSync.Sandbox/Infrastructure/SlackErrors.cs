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

    public static IResult RateLimited(int retryAfterSeconds) => new RateLimitedResult(retryAfterSeconds);

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
