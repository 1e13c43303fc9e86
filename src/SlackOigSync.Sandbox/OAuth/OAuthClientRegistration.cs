using System.Text.Json;

namespace SlackOigSync.Sandbox.OAuth;

/// <summary>
/// The body of PUT /_sandbox/okta/oauth-clients/{clientId}: what an admin sets up in Okta for an API Services app
/// (public keys, granted Okta API scopes, "Require DPoP", an admin role assignment). Omitted flags default to a
/// convenient app: DPoP not required, an admin role assigned, one-hour tokens (Okta's fixed lifetime).
/// </summary>
public sealed record OAuthClientRegistration(
    JsonElement? Jwks,
    IReadOnlyList<string>? Scopes,
    bool? RequireDpop,
    bool? AdminRole,
    int? TokenLifetimeSeconds)
{
    /// <summary>The client to register, or null with the reason the registration is refused.</summary>
    public OAuthClient? ToClient(string clientId, out string? problem)
    {
        problem = null;
        if (Jwks is not { ValueKind: JsonValueKind.Object } jwks
            || !jwks.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array || keys.GetArrayLength() == 0)
        {
            problem = "jwks must be {\"keys\": [<public JWK>, ...]} with at least one key";
            return null;
        }

        var parsed = new List<Microsoft.IdentityModel.Tokens.JsonWebKey>();
        var index = 0;
        foreach (var element in keys.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                problem = $"jwks.keys[{index}] is not an object";
                return null;
            }

            if (PublicJwk.TryRead(element.GetRawText(), out var keyProblem) is not { } key)
            {
                problem = $"jwks.keys[{index}] {keyProblem}";
                return null;
            }

            parsed.Add(key);
            index++;
        }

        // Okta: "all keys in the JWKS must have a unique ID". One key may go without.
        if (parsed.Count > 1 && (parsed.Any(k => string.IsNullOrEmpty(k.Kid)) || parsed.DistinctBy(k => k.Kid).Count() != parsed.Count))
        {
            problem = "with several keys, every key needs a \"kid\" and the kids must differ";
            return null;
        }

        if (Scopes is null || Scopes.Any(string.IsNullOrWhiteSpace))
        {
            problem = "scopes is required: the Okta API scopes granted to the app, e.g. [\"okta.users.read\"]";
            return null;
        }

        var lifetime = TokenLifetimeSeconds ?? 3600;
        if (lifetime is < 1 or > 86400)
        {
            problem = "tokenLifetimeSeconds must be between 1 and 86400";
            return null;
        }

        return new OAuthClient(clientId, parsed, [.. Scopes.Distinct(StringComparer.Ordinal)], RequireDpop ?? false, AdminRole ?? true, lifetime);
    }
}
