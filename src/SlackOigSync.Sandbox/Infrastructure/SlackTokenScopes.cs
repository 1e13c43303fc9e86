using System.Collections.Concurrent;

namespace SlackOigSync.Sandbox.Infrastructure;

/// <summary>
/// The one place that knows which scopes each Slack token carries. Tests (and the control API) change them at run
/// time to play an admin who reinstalls the app with fewer or more scopes; every Slack answer reflects the change.
/// </summary>
public sealed class SlackTokenScopes
{
    private static readonly object RequestKey = new();

    private readonly Dictionary<string, string[]> _defaults;
    private readonly ConcurrentDictionary<string, string[]> _current;

    public SlackTokenScopes(SandboxTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _defaults = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            [tokens.SlackUserToken] = SandboxTokens.AllSlackUserScopes,
            [tokens.SlackBotToken] = ["users:read", "users:read.email"],
            [tokens.SlackLimitedUserToken] = ["users:read"],
            [tokens.SlackNoUserListToken] = ["admin.roles:read", "users:read", "users:read.email"],
            [tokens.SlackRoleWriterToken] = SandboxTokens.RoleWriterSlackScopes,
            [tokens.SlackAlertBotToken] = ["chat:write"],
        };
        _current = new ConcurrentDictionary<string, string[]>(_defaults, StringComparer.Ordinal);
    }

    /// <summary>The token's scopes now, in the order they were given; null for a token the sandbox does not know.</summary>
    public IReadOnlyList<string>? Get(string token) => _current.TryGetValue(token, out var scopes) ? scopes : null;

    /// <summary>Replaces the scopes of a known Slack token; false (and nothing changes) for an unknown token.</summary>
    public bool Set(string token, IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        if (!_defaults.ContainsKey(token))
        {
            return false;
        }

        // Slack lists each scope once, without blanks; keeping the caller's order makes the header predictable.
        _current[token] = [.. scopes.Select(s => s?.Trim()).Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).Distinct(StringComparer.Ordinal)];
        return true;
    }

    /// <summary>Gives a known Slack token its default scopes back; false for an unknown token.</summary>
    public bool Reset(string token)
    {
        if (!_defaults.TryGetValue(token, out var defaults))
        {
            return false;
        }

        _current[token] = defaults;
        return true;
    }

    /// <summary>
    /// The scopes of the request's token as they were when the request arrived (null: no or unknown token). Read once
    /// and kept on the request, so the x-oauth-scopes header and the handler's scope checks cannot disagree when a
    /// test changes the scopes while the request is in flight.
    /// </summary>
    internal IReadOnlyList<string>? ForRequest(HttpContext context, string? token)
    {
        if (context.Items.TryGetValue(RequestKey, out var kept))
        {
            return (IReadOnlyList<string>?)kept;
        }

        var scopes = token is null ? null : Get(token);
        context.Items[RequestKey] = scopes;
        return scopes;
    }
}
