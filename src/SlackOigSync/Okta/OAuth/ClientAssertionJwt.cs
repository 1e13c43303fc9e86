using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SlackOigSync.Okta.OAuth;

/// <summary>
/// The private_key_jwt client assertion Okta's org authorization server takes in place of a client secret:
/// iss = sub = the client id, aud = the token endpoint, a short life and a unique jti. It is a secret: never logged.
/// </summary>
public static class ClientAssertionJwt
{
    /// <summary>How long an assertion is valid; Okta refuses one that lives longer than an hour.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public static string Create(SigningKey key, string clientId, Uri tokenEndpoint, DateTimeOffset now) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = tokenEndpoint.AbsoluteUri,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + Lifetime).UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = clientId,
                ["jti"] = Guid.NewGuid().ToString("N"),
            },
            SigningCredentials = new SigningCredentials(key.Key, key.Algorithm),
        });
}
