namespace SlackOigSync.Okta.OAuth;

/// <summary>An access token from Okta's token endpoint; DPoP-bound when <see cref="IsDPoP"/>. A secret: never logged.</summary>
public sealed record OktaAccessToken(string Value, bool IsDPoP, DateTimeOffset ExpiresAt, string Scopes);
