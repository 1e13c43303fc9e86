using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace SlackOigSync.Sandbox.OAuth;

/// <summary>
/// RFC 9449 section 4.3 checks of a DPoP proof, for the token endpoint and for resource calls. The error texts follow
/// the ones Okta is seen to send ("'htu' claim in the DPoP proof JWT is invalid.", "The DPoP proof JWT has already been
/// used.", "The DPoP proof JWT header is missing."); the others are written in the same style, not copied from Okta.
/// </summary>
internal static class DpopProofValidator
{
    public const string Missing = "The DPoP proof JWT header is missing.";

    /// <summary>Checks the proof in the request's DPoP header; null with the error description when it fails.</summary>
    /// <param name="accessToken">For resource calls: the token whose hash the proof's ath must carry; null at the token endpoint.</param>
    public static (DpopProof? Proof, string? Error) Validate(
        HttpRequest request, string? accessToken, OAuthAuthorizationServer server)
    {
        var headers = request.Headers["DPoP"];
        if (headers.Count == 0 || string.IsNullOrWhiteSpace(headers[0]))
        {
            return (null, Missing);
        }

        if (headers.Count > 1)
        {
            return (null, "Only one DPoP proof JWT header is allowed.");
        }

        if (JwtParts.TryParse(headers[0]) is not { } proof)
        {
            return (null, "The DPoP proof JWT is malformed.");
        }

        if (proof.Header["typ"]?.ToString() != "dpop+jwt")
        {
            return (null, "'typ' header in the DPoP proof JWT is invalid.");
        }

        if (proof.Alg is not { } alg || !JwsSignature.Algorithms.Contains(alg))
        {
            return (null, "'alg' header in the DPoP proof JWT is invalid.");
        }

        if (proof.Header["jwk"] is not JsonObject jwkJson || PublicJwk.TryRead(jwkJson.ToJsonString(), out _) is not { } jwk)
        {
            return (null, "'jwk' header in the DPoP proof JWT is invalid.");
        }

        if (!JwsSignature.Verify(proof, [jwk]))
        {
            return (null, "The DPoP proof JWT signature is invalid.");
        }

        if (proof.Claim("htm") != request.Method)
        {
            return (null, "'htm' claim in the DPoP proof JWT is invalid.");
        }

        if (!HtuMatches(proof.Claim("htu"), request))
        {
            return (null, "'htu' claim in the DPoP proof JWT is invalid.");
        }

        var now = server.Now;
        if (proof.Time("iat") is not { } iat || iat < now - OAuthAuthorizationServer.ProofMaxAge || iat > now + OAuthAuthorizationServer.ClockSkew)
        {
            return (null, "'iat' claim in the DPoP proof JWT is invalid.");
        }

        if (proof.Claim("jti") is not { Length: > 0 } jti)
        {
            return (null, "'jti' claim in the DPoP proof JWT is invalid.");
        }

        if (accessToken is not null && proof.Claim("ath") != AccessTokenHash(accessToken))
        {
            return (null, "'ath' claim in the DPoP proof JWT is invalid.");
        }

        var jkt = PublicJwk.Thumbprint(jwk);
        if (!server.TryUseProofId(jkt, jti))
        {
            return (null, "The DPoP proof JWT has already been used.");
        }

        return (new DpopProof(jkt, proof.Claim("nonce")), null);
    }

    /// <summary>ath: base64url(SHA-256(ASCII access token)).</summary>
    public static string AccessTokenHash(string accessToken) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));

    /// <summary>
    /// htu must name the request's URL without query or fragment (stricter than RFC 9449, which ignores them: a proof
    /// that carries a query is refused). Scheme and host compare case-insensitively, the path after percent-decoding.
    /// </summary>
    private static bool HtuMatches(string? htu, HttpRequest request)
    {
        if (htu is null || !Uri.TryCreate(htu, UriKind.Absolute, out var claimed) || claimed.Query.Length > 0 || claimed.Fragment.Length > 0)
        {
            return false;
        }

        var actual = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}");
        const UriComponents parts = UriComponents.SchemeAndServer | UriComponents.Path;
        return string.Equals(
            claimed.GetComponents(parts, UriFormat.Unescaped),
            actual.GetComponents(parts, UriFormat.Unescaped),
            StringComparison.Ordinal);
    }
}
