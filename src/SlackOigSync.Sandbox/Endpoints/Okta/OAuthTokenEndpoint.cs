using System.Text.Json.Nodes;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sandbox.OAuth;

namespace SlackOigSync.Sandbox.Endpoints.Okta;

/// <summary>
/// The org authorization server's token endpoint, POST /oauth2/v1/token, for API Services apps: the client_credentials
/// grant with private_key_jwt client authentication, optionally DPoP-bound (RFC 9449). Okta's management spec does not
/// describe it; the behaviour follows Okta's guides ("Implement OAuth for Okta with a service app", "Configure DPoP").
/// Order of checks: request shape, client authentication, scopes, then DPoP (so a client learns of a bad key before a
/// missing nonce). The assertion's jti is spent even when the answer is use_dpop_nonce: sign a new one for the retry.
/// </summary>
internal static class OAuthTokenEndpoint
{
    public const string Path = "/oauth2/v1/token";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost(Path, IssueAsync).WithName("okta:POST " + Path);

    public static string Url(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{Path}";

    private static async Task<IResult> IssueAsync(HttpContext context, OAuthAuthorizationServer server)
    {
        if (!context.Request.HasFormContentType)
        {
            return OAuthErrors.InvalidRequest(context, "The request body must be application/x-www-form-urlencoded.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        string? Field(string name) => form[name].Count == 1 && form[name][0] is { Length: > 0 } v ? v : null;

        var grantType = Field("grant_type");
        if (grantType is null)
        {
            return OAuthErrors.InvalidRequest(context, "The 'grant_type' parameter is required.");
        }

        if (grantType != "client_credentials")
        {
            return OAuthErrors.Error(context, 400, "unsupported_grant_type", $"The authorization grant type '{grantType}' is not supported by the authorization server; use client_credentials.");
        }

        var assertionType = Field("client_assertion_type");
        var assertion = Field("client_assertion");
        if (assertionType is null && assertion is null)
        {
            return OAuthErrors.InvalidClient(context, "No client credentials found.");
        }

        if (assertionType is null || assertion is null)
        {
            return OAuthErrors.InvalidRequest(context, $"The '{(assertionType is null ? "client_assertion_type" : "client_assertion")}' parameter is required.");
        }

        if (assertionType != ClientAssertionValidator.AssertionType)
        {
            return OAuthErrors.InvalidRequest(context, $"The client_assertion_type is invalid; use {ClientAssertionValidator.AssertionType}.");
        }

        var (client, clientError) = ClientAssertionValidator.Validate(assertion, Field("client_id"), Url(context.Request), server);
        if (client is null)
        {
            return OAuthErrors.InvalidClient(context, clientError!);
        }

        // Okta's org authorization server has no default scopes for service apps, so scope is required (Okta's text).
        var scopes = (Field("scope") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        if (scopes.Count == 0)
        {
            return OAuthErrors.Error(context, 400, "invalid_scope", "The authorization server resource does not have any configured default scopes, 'scope' must be provided.");
        }

        var notGranted = scopes.Where(s => !client.Scopes.Contains(s)).ToList();
        if (notGranted.Count > 0)
        {
            return OAuthErrors.Error(context, 400, "invalid_scope", "The following scopes are not allowed: " + string.Join(' ', notGranted));
        }

        // A proof is checked when the app requires DPoP, and also when one is sent unasked (the token is then bound).
        string? jkt = null;
        if (client.RequireDpop || context.Request.Headers.ContainsKey("DPoP"))
        {
            var (proof, proofError) = DpopProofValidator.Validate(context.Request, accessToken: null, server);
            if (proof is null)
            {
                return OAuthErrors.InvalidDpopProof(context, proofError!);
            }

            if (!server.IsLiveNonce(proof.Nonce))
            {
                return OAuthErrors.UseDpopNonce(context, server.NewNonce());
            }

            jkt = proof.Jkt;
        }

        var token = server.Issue(client, scopes, jkt);
        OAuthErrors.NoStore(context);
        var body = new JsonObject
        {
            ["token_type"] = token.IsDpopBound ? "DPoP" : "Bearer",
            ["expires_in"] = client.TokenLifetimeSeconds,
            ["access_token"] = token.Value,
            ["scope"] = string.Join(' ', scopes),
        };
        return Results.Content(body.ToJsonString(SandboxJson.Options), "application/json");
    }
}
