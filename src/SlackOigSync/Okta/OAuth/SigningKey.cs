using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace SlackOigSync.Okta.OAuth;

/// <summary>
/// The API Services app's private key, loaded from Okta:PrivateKeyPath: PEM (PKCS#8, PKCS#1 RSA or SEC1 EC P-256) or a
/// JWK JSON file, signing with RS256 or ES256. Loading problems are one sentence that never repeats the file's content.
/// </summary>
public sealed class SigningKey
{
    private SigningKey(SecurityKey key, string algorithm)
    {
        Key = key;
        Algorithm = algorithm;
    }

    public SecurityKey Key { get; }

    /// <summary>RS256 or ES256.</summary>
    public string Algorithm { get; }

    /// <summary>The key and its algorithm, or the sentence saying why the file cannot serve as the app's signing key.</summary>
    public static (SigningKey? Key, string? Problem) Load(string path, string? keyId)
    {
        string text;
        try
        {
            if (Directory.Exists(path))
            {
                return (null, $"Okta:PrivateKeyPath '{path}' is a directory; point it at the key file.");
            }

            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return (null, $"Okta:PrivateKeyPath '{path}' cannot be read ({(e is UnauthorizedAccessException ? "permission denied" : e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.GetType().Name)}); point it at the app's private key, readable by this user.");
        }

        var problem = $"Okta:PrivateKeyPath '{path}' is not a private key this worker can sign with: expected a PEM private key (PKCS#8 'BEGIN PRIVATE KEY', PKCS#1 'BEGIN RSA PRIVATE KEY', or an EC P-256 'BEGIN EC PRIVATE KEY') or a JWK JSON file with its private part (\"d\")";
        try
        {
            var key = text.TrimStart().StartsWith('{') ? FromJwk(text, keyId) : FromPem(text, keyId);
            return key is null ? (null, problem + ".") : (key, null);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or JsonException or FormatException)
        {
            return (null, $"{problem}; it could not be read ({(e is ArgumentException ? e.Message.TrimEnd('.') : e.GetType().Name)}).");
        }
    }

    private static SigningKey? FromPem(string pem, string? keyId)
    {
        if (!pem.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            return null;
        }

        if (!pem.Contains("BEGIN EC PRIVATE KEY", StringComparison.Ordinal))
        {
            var rsa = RSA.Create();
            try
            {
                rsa.ImportFromPem(pem);
                return rsa.KeySize < 2048 ? throw new ArgumentException("An RSA key shorter than 2048 bits.") : new SigningKey(new RsaSecurityKey(rsa) { KeyId = keyId }, SecurityAlgorithms.RsaSha256);
            }
            catch (CryptographicException) when (!pem.Contains("BEGIN RSA PRIVATE KEY", StringComparison.Ordinal))
            {
                rsa.Dispose(); // a PKCS#8 key that is not RSA: try EC below
            }
        }

        var ec = ECDsa.Create();
        ec.ImportFromPem(pem);
        return Ec(ec, keyId);
    }

    private static SigningKey? FromJwk(string json, string? keyId)
    {
        var jwk = new JsonWebKey(json);
        if (!jwk.HasPrivateKey)
        {
            throw new ArgumentException("The JWK has no private part.");
        }

        jwk.KeyId = keyId ?? jwk.KeyId;
        return jwk.Kty switch
        {
            JsonWebAlgorithmsKeyTypes.RSA => new SigningKey(jwk, SecurityAlgorithms.RsaSha256),
            JsonWebAlgorithmsKeyTypes.EllipticCurve when jwk.Crv == JsonWebKeyECTypes.P256 => new SigningKey(jwk, SecurityAlgorithms.EcdsaSha256),
            _ => null,
        };
    }

    private static SigningKey Ec(ECDsa ec, string? keyId) =>
        ec.ExportParameters(false).Curve.Oid.Value == ECCurve.NamedCurves.nistP256.Oid.Value
            ? new SigningKey(new ECDsaSecurityKey(ec) { KeyId = keyId }, SecurityAlgorithms.EcdsaSha256)
            : throw new ArgumentException("Only the P-256 curve (ES256) is supported.");
}
