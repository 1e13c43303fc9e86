using System.Text.Json.Nodes;

namespace SlackOigSync.Sandbox.Infrastructure;

/// <summary>Okta's error body: {errorCode, errorSummary, errorLink, errorId, errorCauses}.</summary>
public static class OktaErrors
{
    public static IResult Error(int status, string code, string summary, params (string Summary, string? Reason, string? Location)[] causes)
    {
        var causeArray = new JsonArray();
        foreach (var c in causes)
        {
            var cause = new JsonObject { ["errorSummary"] = c.Summary };
            if (c.Reason is not null)
            {
                cause["reason"] = c.Reason;
            }

            if (c.Location is not null)
            {
                cause["location"] = c.Location;
                cause["locationType"] = c.Location.StartsWith("/query", StringComparison.Ordinal) || !c.Location.StartsWith('/') ? "query" : "body";
                cause["domain"] = "governance";
            }

            causeArray.Add(cause);
        }

        var body = new JsonObject
        {
            ["errorCode"] = code,
            ["errorSummary"] = summary,
            ["errorLink"] = code,
            ["errorId"] = "oae" + Guid.NewGuid().ToString("N")[..22],
            ["errorCauses"] = causeArray,
        };
        return Results.Content(body.ToJsonString(SandboxJson.Options), "application/json", statusCode: status);
    }

    public static IResult InvalidToken() => Error(401, "E0000011", "Invalid token provided");

    public static IResult Forbidden() => Error(403, "E0000006", "You do not have permission to perform the requested action");

    public static IResult NotFound(string what) => Error(404, "E0000007", $"Not found: {what}");

    public static IResult RateLimited() => Error(429, "E0000047", "API call exceeded rate limit due to too many requests.");

    public static IResult ValidationFailed(string detail, string location) =>
        Error(400, "E0000001", $"Api validation failed: {location} {detail}", (detail, "REQUIRED_PROPERTY_MISSING", location));

    public static IResult InvalidFilter(string detail) =>
        Error(400, "E0000053", "Invalid SCIM filter", (detail, "STRING_FORMAT_INVALID", "/filter"));

    public static IResult InvalidLimit() =>
        Error(400, "E0000029", "Invalid paging request", ("The `limit` parameter isn't valid.", "INVALID_DATA_TYPE", "/limit"));

    public static IResult InvalidSearch(string detail) => Error(400, "E0000031", "Invalid search.", (detail, null, null));
}
