using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace SlackOigSync.Sandbox.OAuth;

/// <summary>
/// The emulated org authorization server's memory: registered service apps, issued access tokens, the client
/// assertion and DPoP proof ids already used (replay), and the DPoP nonces handed out. Times come from the sandbox clock.
/// </summary>
public sealed class OAuthAuthorizationServer(TimeProvider clock)
{
    /// <summary>How long a DPoP nonce stays acceptable after it was handed out. A guess: Okta does not document it.</summary>
    public static readonly TimeSpan NonceLifetime = TimeSpan.FromMinutes(5);

    /// <summary>How old a DPoP proof's iat may be, and how far ahead of our clock. A guess: Okta does not document it.</summary>
    public static readonly TimeSpan ProofMaxAge = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, OAuthClient> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssuedAccessToken> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _usedAssertionIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _usedProofIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _nonces = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public TimeProvider Clock { get; } = clock;

    public DateTimeOffset Now => Clock.GetUtcNow();

    public void Register(OAuthClient client)
    {
        lock (_gate)
        {
            _clients[client.ClientId] = client;
        }
    }

    public OAuthClient? FindClient(string clientId)
    {
        lock (_gate)
        {
            return _clients.GetValueOrDefault(clientId);
        }
    }

    public IssuedAccessToken? FindToken(string value)
    {
        lock (_gate)
        {
            return _tokens.GetValueOrDefault(value);
        }
    }

    public IssuedAccessToken Issue(OAuthClient client, IReadOnlyList<string> scopes, string? jkt)
    {
        var token = new IssuedAccessToken(
            "sbx-at." + Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32)),
            client.ClientId,
            scopes,
            Now.AddSeconds(client.TokenLifetimeSeconds),
            jkt);
        lock (_gate)
        {
            _tokens[token.Value] = token;
        }

        return token;
    }

    /// <summary>Makes every issued access token expired at once; returns how many were still live.</summary>
    public int ExpireAll()
    {
        lock (_gate)
        {
            var now = Now;
            var live = 0;
            foreach (var token in _tokens.Values.ToList())
            {
                if (token.ExpiresAt > now)
                {
                    live++;
                }

                _tokens[token.Value] = token with { ExpiresAt = now.AddSeconds(-1) };
            }

            return live;
        }
    }

    /// <summary>Records a client assertion's jti; false when it was used before (a replay).</summary>
    public bool TryUseAssertionId(string clientId, string jti, DateTimeOffset expiresAt) =>
        TryUse(_usedAssertionIds, clientId + "\n" + jti, expiresAt);

    /// <summary>Records a DPoP proof's jti for its key; false when that key used it before (a replay).</summary>
    public bool TryUseProofId(string jkt, string jti) => TryUse(_usedProofIds, jkt + "\n" + jti, Now + ProofMaxAge + ClockSkew);

    public string NewNonce()
    {
        var nonce = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
        lock (_gate)
        {
            Prune(_nonces, Now);
            _nonces[nonce] = Now + NonceLifetime;
        }

        return nonce;
    }

    public bool IsLiveNonce(string? nonce)
    {
        lock (_gate)
        {
            return nonce is not null && _nonces.TryGetValue(nonce, out var until) && until > Now;
        }
    }

    private bool TryUse(Dictionary<string, DateTimeOffset> used, string key, DateTimeOffset keepUntil)
    {
        lock (_gate)
        {
            Prune(used, Now);
            return used.TryAdd(key, keepUntil);
        }
    }

    private static void Prune(Dictionary<string, DateTimeOffset> entries, DateTimeOffset now)
    {
        if (entries.Count < 1024)
        {
            return;
        }

        foreach (var (key, until) in entries.ToList())
        {
            if (until <= now)
            {
                entries.Remove(key);
            }
        }
    }
}
