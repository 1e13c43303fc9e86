using Microsoft.IdentityModel.Tokens;

namespace SlackOigSync.Sandbox.OAuth;

/// <summary>
/// An Okta API Services app as the org authorization server sees it: its public keys (private_key_jwt), the Okta API
/// scopes granted to it, whether it must use DPoP, whether an admin role is assigned to it, and its token lifetime.
/// </summary>
public sealed record OAuthClient(
    string ClientId,
    IReadOnlyList<JsonWebKey> Keys,
    IReadOnlyList<string> Scopes,
    bool RequireDpop,
    bool AdminRole,
    int TokenLifetimeSeconds);
