using SlackOigSync.Sandbox.Infrastructure;

namespace SlackOigSync.Sandbox.OAuth;

/// <summary>
/// How an Okta or OIG endpoint treats an access token from the token endpoint. As Okta: an unknown or expired token is
/// 401 E0000011; a DPoP-bound token needs "Authorization: DPoP" and a proof with htm, htu, iat, jti and ath signed by the
/// bound key (no nonce: Okta's guide says "The nonce parameter isn't currently required" for Okta resources); a proof
/// that fails answers 400 with an empty body and the cause in WWW-Authenticate (what Okta is seen to send); a missing
/// scope is 403 with error="insufficient_scope" in WWW-Authenticate; an app without an admin role gets 403 E0000006.
/// The sandbox keeps Okta's E0000006 body on the scope 403 (Okta is reported to send none there).
/// </summary>
internal static class OAuthResourceAccess
{
    /// <summary>Whether the Authorization header carries a token this server issued (live or not).</summary>
    public static IssuedAccessToken? Recognise(string authorization, OAuthAuthorizationServer server) =>
        Split(authorization) is { } parts ? server.FindToken(parts.Token) : null;

    /// <summary>Null when the call may go ahead; otherwise the answer to give.</summary>
    public static IResult? Authorize(HttpContext context, IssuedAccessToken token, OAuthAuthorizationServer server, string neededScope)
    {
        var (scheme, value) = Split(context.Request.Headers.Authorization.ToString())!.Value;
        var challengeScheme = token.IsDpopBound ? "DPoP" : "Bearer";
        if (token.ExpiresAt <= server.Now)
        {
            return Challenge(context, challengeScheme, neededScope, "invalid_token", "The access token is invalid.", OktaErrors.InvalidToken());
        }

        if (token.IsDpopBound)
        {
            if (scheme != "DPoP")
            {
                return Challenge(context, "DPoP", neededScope, "invalid_token", "A DPoP-bound access token must be sent with the DPoP authorization scheme.", OktaErrors.InvalidToken());
            }

            var (proof, error) = DpopProofValidator.Validate(context.Request, value, server);
            if (proof is null)
            {
                return Challenge(context, "DPoP", neededScope, "invalid_dpop_proof", error!, Results.StatusCode(400));
            }

            if (proof.Jkt != token.Jkt)
            {
                return Challenge(context, "DPoP", neededScope, "invalid_dpop_proof", "The DPoP proof JWT key does not match the access token's binding.", Results.StatusCode(400));
            }
        }
        else if (scheme != "Bearer")
        {
            return Challenge(context, "Bearer", neededScope, "invalid_token", "The access token is not DPoP-bound; send it with the Bearer scheme.", OktaErrors.InvalidToken());
        }

        if (!token.Scopes.Contains(neededScope))
        {
            return Challenge(context, challengeScheme, neededScope, "insufficient_scope", "The access token provided does not contain the required scopes.", OktaErrors.Forbidden());
        }

        // Scopes say what the token may ask; the app's admin role says what the app may do. Without one, Okta answers 403.
        return server.FindClient(token.ClientId) is { AdminRole: true } ? null : OktaErrors.Forbidden();
    }

    private static (string Scheme, string Token)? Split(string authorization)
    {
        foreach (var scheme in new[] { "Bearer", "DPoP" })
        {
            if (authorization.StartsWith(scheme + " ", StringComparison.Ordinal))
            {
                return (scheme, authorization[(scheme.Length + 1)..].Trim());
            }
        }

        return null;
    }

    /// <summary>Okta's WWW-Authenticate challenge on its resources: algs (DPoP), authorization_uri, realm, scope, error, resource.</summary>
    private static IResult Challenge(HttpContext context, string scheme, string scope, string error, string description, IResult body)
    {
        var request = context.Request;
        var origin = $"{request.Scheme}://{request.Host}";
        var algs = scheme == "DPoP" ? "algs=\"RS256 ES256\", " : string.Empty;
        context.Response.Headers.WWWAuthenticate =
            $"{scheme} {algs}authorization_uri=\"{origin}/oauth2/v1/authorize\", realm=\"{origin}\", scope=\"{scope}\", " +
            $"error=\"{error}\", error_description=\"{description.Replace("\"", "'", StringComparison.Ordinal)}\", resource=\"{request.Path}\"";
        return body;
    }
}
