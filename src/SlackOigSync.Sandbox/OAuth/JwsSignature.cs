using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace SlackOigSync.Sandbox.OAuth;

/// <summary>
/// Checks only a JWS signature (RS256 or ES256) against given public keys; claims are checked by the callers, each with
/// its own error text. Synchronous (IdentityModel's signature providers) so that resource calls can check DPoP proofs
/// inside the endpoints' synchronous authorization step.
/// </summary>
internal static class JwsSignature
{
    public static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    public static bool Verify(JwtParts jwt, IReadOnlyList<SecurityKey> keys)
    {
        var parts = jwt.Raw.Split('.');
        if (jwt.Alg is not { } alg || !Algorithms.Contains(alg) || parts[2].Length == 0)
        {
            return false;
        }

        byte[] signature;
        try
        {
            signature = Base64UrlEncoder.DecodeBytes(parts[2]);
        }
        catch (FormatException)
        {
            return false;
        }

        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        return keys.Any(key => VerifyWith(key, alg, signed, signature));
    }

    private static bool VerifyWith(SecurityKey key, string alg, byte[] signed, byte[] signature)
    {
        var factory = key.CryptoProviderFactory ?? CryptoProviderFactory.Default;
        if (!factory.IsSupportedAlgorithm(alg, key))
        {
            return false;
        }

        SignatureProvider? provider = null;
        try
        {
            provider = factory.CreateForVerifying(key, alg);
            return provider.Verify(signed, signature);
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
        finally
        {
            if (provider is not null)
            {
                factory.ReleaseSignatureProvider(provider);
            }
        }
    }
}
