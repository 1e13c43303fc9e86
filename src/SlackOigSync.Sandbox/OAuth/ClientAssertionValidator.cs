using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace SlackOigSync.Sandbox.OAuth;

/// <summary>
/// private_key_jwt client authentication (RFC 7523) as Okta's org authorization server does it: the assertion is signed
/// by one of the client's registered keys, iss = sub = client id, aud = the token endpoint's URL, exp in the future and at
/// most an hour away, a jti not used before. Every failure is invalid_client; the descriptions say which check failed.
/// Okta's own text is used where it is known ("The audience claim for client_assertion must be the endpoint invoked for
/// the request.", "Invalid value for 'client_id' parameter.", "The client_assertion signature is invalid."); the rest are
/// written in the same style. Okta's docs call iat and jti optional; the sandbox requires both (stricter).
/// </summary>
internal static class ClientAssertionValidator
{
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>Okta: exp "must be a maximum of only an hour in the future".</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(1);

    /// <summary>The authenticated client, or null with the invalid_client description.</summary>
    public static (OAuthClient? Client, string? Error) Validate(
        string assertion, string? clientIdParameter, string tokenEndpointUrl, OAuthAuthorizationServer server)
    {
        if (JwtParts.TryParse(assertion) is not { } jwt)
        {
            return (null, "The client_assertion is not a well-formed JWT.");
        }

        var iss = jwt.Claim("iss");
        var sub = jwt.Claim("sub");
        if (iss is null || sub is null || iss != sub)
        {
            return (null, "The issuer and subject claims in the client_assertion must both be the client_id.");
        }

        if (clientIdParameter is not null && clientIdParameter != iss)
        {
            return (null, "The client_id parameter does not match the issuer of the client_assertion.");
        }

        if (server.FindClient(iss) is not { } client)
        {
            return (null, "Invalid value for 'client_id' parameter.");
        }

        if (jwt.Alg is not { } alg || !JwsSignature.Algorithms.Contains(alg))
        {
            return (null, $"The client_assertion signature algorithm '{jwt.Alg}' is not supported; use RS256 or ES256.");
        }

        IReadOnlyList<SecurityKey> keys = client.Keys;
        if (jwt.Kid is { } kid)
        {
            keys = [.. client.Keys.Where(k => k.Kid == kid)];
            if (keys.Count == 0)
            {
                return (null, $"The client_assertion 'kid' header '{kid}' does not match any public key registered for the client.");
            }
        }

        if (!JwsSignature.Verify(jwt, keys))
        {
            return (null, "The client_assertion signature is invalid.");
        }

        if (!AudienceIs(jwt.Payload["aud"], tokenEndpointUrl))
        {
            return (null, "The audience claim for client_assertion must be the endpoint invoked for the request.");
        }

        var now = server.Now;
        if (jwt.Time("exp") is not { } exp)
        {
            return (null, "The client_assertion token must contain an 'exp' claim.");
        }

        if (exp <= now)
        {
            return (null, "The client_assertion token is expired.");
        }

        if (jwt.Time("iat") is not { } iat)
        {
            return (null, "The client_assertion token must contain an 'iat' claim.");
        }

        if (iat > now + OAuthAuthorizationServer.ClockSkew)
        {
            return (null, "The client_assertion token was issued in the future (check the clock).");
        }

        if (exp - iat > MaxLifetime || exp - now > MaxLifetime)
        {
            return (null, "The client_assertion token has an expiration too far into the future (at most one hour).");
        }

        if (jwt.Claim("jti") is not { Length: > 0 } jti)
        {
            return (null, "The client_assertion token must contain a 'jti' claim.");
        }

        if (!server.TryUseAssertionId(client.ClientId, jti, exp))
        {
            return (null, "The client_assertion token has already been used (its 'jti' was seen before).");
        }

        return (client, null);
    }

    /// <summary>aud is the token endpoint's URL exactly; an array holding it alone is accepted too (JWT allows both forms).</summary>
    private static bool AudienceIs(JsonNode? aud, string tokenEndpointUrl) => aud switch
    {
        JsonValue v => v.TryGetValue<string>(out var s) && s == tokenEndpointUrl,
        JsonArray { Count: 1 } a => a[0] is JsonValue only && only.TryGetValue<string>(out var s) && s == tokenEndpointUrl,
        _ => false,
    };
}
