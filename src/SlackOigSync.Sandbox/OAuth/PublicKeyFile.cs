using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace SlackOigSync.Sandbox.OAuth;

/// <summary>
/// Reads a public key for the standalone sandbox's --oauth-client option: a PEM ("PUBLIC KEY" or "RSA PUBLIC KEY";
/// a private key PEM is accepted too and only its public half is kept) or a JWK JSON file.
/// </summary>
public static class PublicKeyFile
{
    /// <summary>The public JWK; its kid is <paramref name="kid"/>, else the file's own, else the RFC 7638 thumbprint.</summary>
    public static JsonWebKey Read(string path, string? kid)
    {
        var text = File.ReadAllText(path).Trim();
        JsonWebKey jwk;
        if (text.StartsWith('{'))
        {
            var parsed = new JsonWebKey(text);
            jwk = parsed.Kty == "EC"
                ? new JsonWebKey { Kty = "EC", Crv = parsed.Crv, X = parsed.X, Y = parsed.Y, Kid = parsed.Kid }
                : new JsonWebKey { Kty = "RSA", N = parsed.N, E = parsed.E, Kid = parsed.Kid };
        }
        else if (TryEc(text) is { } ecdsa)
        {
            using var ec = ecdsa;
            var q = ec.ExportParameters(false).Q;
            jwk = new JsonWebKey { Kty = "EC", Crv = "P-256", X = Base64UrlEncoder.Encode(q.X), Y = Base64UrlEncoder.Encode(q.Y) };
        }
        else
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(text);
            var p = rsa.ExportParameters(false);
            jwk = new JsonWebKey { Kty = "RSA", N = Base64UrlEncoder.Encode(p.Modulus), E = Base64UrlEncoder.Encode(p.Exponent) };
        }

        jwk.Kid = kid ?? jwk.Kid ?? PublicJwk.Thumbprint(jwk);
        var json = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["kty"] = jwk.Kty,
            ["kid"] = jwk.Kid,
            ["n"] = jwk.N,
            ["e"] = jwk.E,
            ["crv"] = jwk.Crv,
            ["x"] = jwk.X,
            ["y"] = jwk.Y,
        }.Where(kv => kv.Value is not null).ToDictionary());
        return PublicJwk.TryRead(json, out var problem) ?? throw new ArgumentException($"{path}: the key {problem}.");
    }

    private static ECDsa? TryEc(string pem)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
            return ecdsa;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            ecdsa.Dispose();
            return null;
        }
    }
}
