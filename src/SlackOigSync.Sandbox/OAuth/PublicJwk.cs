using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace SlackOigSync.Sandbox.OAuth;

/// <summary>Reads a public JWK (RSA of 2048 bits or more, or EC P-256) and says plainly what is wrong with a bad one.</summary>
internal static class PublicJwk
{
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "k"];

    public static JsonWebKey? TryRead(string json, out string? problem)
    {
        JsonWebKey key;
        try
        {
            key = new JsonWebKey(json);
        }
        catch (Exception e) when (e is ArgumentException or System.Text.Json.JsonException)
        {
            problem = "is not a JSON Web Key object";
            return null;
        }

        problem = Problem(key, json);
        return problem is null ? key : null;
    }

    /// <summary>The RFC 7638 thumbprint (base64url SHA-256), as DPoP's jkt.</summary>
    public static string Thumbprint(JsonWebKey key) => Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());

    private static string? Problem(JsonWebKey key, string json)
    {
        using (var doc = System.Text.Json.JsonDocument.Parse(json))
        {
            if (PrivateMembers.FirstOrDefault(m => doc.RootElement.TryGetProperty(m, out _)) is { } member)
            {
                return $"holds private key material (\"{member}\"): register the public key only";
            }
        }

        switch (key.Kty)
        {
            case "RSA":
                if (string.IsNullOrEmpty(key.N) || string.IsNullOrEmpty(key.E))
                {
                    return "is an RSA key without \"n\" and \"e\"";
                }

                var bits = DecodedLength(key.N) * 8;
                if (bits < 2048)
                {
                    return $"is an RSA key of {bits} bits; at least 2048 are required";
                }

                return key.Alg is null or SecurityAlgorithms.RsaSha256 ? null : $"has alg \"{key.Alg}\"; the sandbox verifies RS256 (RSA) and ES256 (EC P-256) only";
            case "EC":
                if (key.Crv != "P-256")
                {
                    return $"is an EC key on curve \"{key.Crv}\"; only P-256 (ES256) is supported";
                }

                try
                {
                    using var ecdsa = ECDsa.Create(new ECParameters
                    {
                        Curve = ECCurve.NamedCurves.nistP256,
                        Q = new ECPoint { X = Base64UrlEncoder.DecodeBytes(key.X), Y = Base64UrlEncoder.DecodeBytes(key.Y) },
                    });
                }
                catch (Exception e) when (e is CryptographicException or ArgumentException or FormatException)
                {
                    return "is an EC key whose \"x\"/\"y\" are not a point on P-256";
                }

                return key.Alg is null or SecurityAlgorithms.EcdsaSha256 ? null : $"has alg \"{key.Alg}\"; the sandbox verifies RS256 (RSA) and ES256 (EC P-256) only";
            default:
                return $"has kty \"{key.Kty}\"; use \"RSA\" or \"EC\"";
        }
    }

    private static int DecodedLength(string base64Url)
    {
        try
        {
            var bytes = Base64UrlEncoder.DecodeBytes(base64Url);
            var leadingZeros = bytes.TakeWhile(b => b == 0).Count();
            return bytes.Length - leadingZeros;
        }
        catch (FormatException)
        {
            return 0;
        }
    }
}
