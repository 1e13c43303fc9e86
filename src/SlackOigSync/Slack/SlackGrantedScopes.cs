namespace SlackOigSync.Slack;

/// <summary>
/// The Slack token's scopes as the latest answer's x-oauth-scopes header listed them, shared by every SlackClient
/// instance of the process (typed clients are transient); null until an answer carried the header.
/// </summary>
public sealed class SlackGrantedScopes
{
    private volatile IReadOnlySet<string>? _scopes;

    public IReadOnlySet<string>? Current => _scopes;

    public void Observe(IEnumerable<string> headerValues) =>
        _scopes = string.Join(',', headerValues).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
}
