using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SlackOigSync.Okta.OAuth;

/// <summary>
/// The key pair one run binds its Okta tokens to (RFC 9449, DPoP), made fresh for the run and never stored, and the
/// proofs it signs: typ dpop+jwt, the public key in the header, htm, htu, iat, jti, and ath and nonce when given.
/// </summary>
public sealed class DPoPKey : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly Dictionary<string, object> _publicJwk;
    private readonly SigningCredentials _credentials;

    public DPoPKey()
    {
        var p = _key.ExportParameters(false);
        _publicJwk = new Dictionary<string, object>
        {
            ["kty"] = "EC",
            ["crv"] = "P-256",
            ["x"] = Base64UrlEncoder.Encode(p.Q.X),
            ["y"] = Base64UrlEncoder.Encode(p.Q.Y),
        };
        _credentials = new SigningCredentials(new ECDsaSecurityKey(_key), SecurityAlgorithms.EcdsaSha256);
    }

    /// <summary>A proof for one request: <paramref name="uri"/> without query or fragment; ath binds it to the access token when one is sent.</summary>
    public string Proof(HttpMethod method, Uri uri, DateTimeOffset now, string? accessToken, string? nonce)
    {
        var claims = new Dictionary<string, object>
        {
            ["htm"] = method.Method,
            ["htu"] = uri.GetLeftPart(UriPartial.Path),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        if (accessToken is not null)
        {
            claims["ath"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));
        }

        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = "dpop+jwt",
            Claims = claims,
            AdditionalHeaderClaims = new Dictionary<string, object> { ["jwk"] = _publicJwk },
            SigningCredentials = _credentials,
        });
    }

    public void Dispose() => _key.Dispose();
}
