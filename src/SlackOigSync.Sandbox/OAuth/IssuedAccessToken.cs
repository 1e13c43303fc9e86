namespace SlackOigSync.Sandbox.OAuth;

/// <summary>An access token the sandbox's token endpoint issued; <see cref="Jkt"/> is the DPoP key thumbprint when bound.</summary>
public sealed record IssuedAccessToken(string Value, string ClientId, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt, string? Jkt)
{
    public bool IsDpopBound => Jkt is not null;
}
