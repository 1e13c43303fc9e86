using System.Text.Json.Nodes;
using SlackOigSync.Sandbox.Infrastructure;

namespace SlackOigSync.Sandbox.OAuth;

/// <summary>The token endpoint's answers in OAuth's shape ({"error", "error_description"}), never cached, as Okta sends them.</summary>
internal static class OAuthErrors
{
    public static IResult Error(HttpContext context, int status, string error, string description)
    {
        NoStore(context);
        var body = new JsonObject { ["error"] = error, ["error_description"] = description };
        return Results.Content(body.ToJsonString(SandboxJson.Options), "application/json", statusCode: status);
    }

    public static IResult InvalidClient(HttpContext context, string description) => Error(context, 401, "invalid_client", description);

    public static IResult InvalidRequest(HttpContext context, string description) => Error(context, 400, "invalid_request", description);

    public static IResult InvalidDpopProof(HttpContext context, string description) => Error(context, 400, "invalid_dpop_proof", description);

    /// <summary>RFC 9449 section 8: 400 use_dpop_nonce with the nonce to put in the next proof.</summary>
    public static IResult UseDpopNonce(HttpContext context, string nonce)
    {
        context.Response.Headers["DPoP-Nonce"] = nonce;
        return Error(context, 400, "use_dpop_nonce", "Authorization server requires nonce in DPoP proof.");
    }

    public static void NoStore(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
    }
}
