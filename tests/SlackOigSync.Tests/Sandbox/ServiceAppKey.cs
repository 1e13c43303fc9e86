using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SlackOigSync.Tests.Sandbox;

/// <summary>A key pair made for one test (RSA 2048 / RS256 or EC P-256 / ES256), its public JWK, and JWS signing.</summary>
internal sealed class ServiceAppKey : IDisposable
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly AsymmetricAlgorithm _key;
    private readonly SecurityKey _signingKey;

    private ServiceAppKey(AsymmetricAlgorithm key, SecurityKey signingKey, string alg, Dictionary<string, object> publicJwk)
    {
        _key = key;
        _signingKey = signingKey;
        Alg = alg;
        PublicJwk = publicJwk;
    }

    public string Alg { get; }

    /// <summary>The public JWK as a JSON object (kid included when the key has one).</summary>
    public Dictionary<string, object> PublicJwk { get; }

    public static ServiceAppKey Rsa(string? kid = "rsa-1")
    {
        var rsa = RSA.Create(2048);
        var p = rsa.ExportParameters(false);
        var jwk = new Dictionary<string, object> { ["kty"] = "RSA", ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent) };
        return Make(rsa, new RsaSecurityKey(rsa) { KeyId = kid }, SecurityAlgorithms.RsaSha256, jwk, kid);
    }

    public static ServiceAppKey Ec(string? kid = "ec-1")
    {
        var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = ecdsa.ExportParameters(false);
        var jwk = new Dictionary<string, object> { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = Base64UrlEncoder.Encode(p.Q.X), ["y"] = Base64UrlEncoder.Encode(p.Q.Y) };
        return Make(ecdsa, new ECDsaSecurityKey(ecdsa) { KeyId = kid }, SecurityAlgorithms.EcdsaSha256, jwk, kid);
    }

    /// <summary>A compact JWS of the claims; typ and extra header members (e.g. DPoP's jwk) when given.</summary>
    public string Sign(Dictionary<string, object> claims, string? typ = null, Dictionary<string, object>? header = null) =>
        Handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(_signingKey, Alg),
            TokenType = typ,
            AdditionalHeaderClaims = header,
        });

    /// <summary>The key's id (kid), if it has one.</summary>
    public string? KeyId => PublicJwk.TryGetValue("kid", out var kid) ? (string)kid : null;

    /// <summary>The private key as the worker reads it from Okta:PrivateKeyPath (PKCS#8 for RSA, SEC1 for EC).</summary>
    public string PrivatePem => _key is RSA rsa ? rsa.ExportPkcs8PrivateKeyPem() : ((ECDsa)_key).ExportECPrivateKeyPem();

    public void Dispose() => _key.Dispose();

    private static ServiceAppKey Make(AsymmetricAlgorithm key, SecurityKey signingKey, string alg, Dictionary<string, object> jwk, string? kid)
    {
        if (kid is not null)
        {
            jwk["kid"] = kid;
        }

        return new ServiceAppKey(key, signingKey, alg, jwk);
    }
}
