namespace SlackOigSync.Okta.OAuth;

/// <summary>Who the worker is to Okta in PrivateKey mode: the API Services app, its key, the scopes it asks for, and whether it starts with DPoP.</summary>
public sealed record OktaServiceApp(string ClientId, SigningKey Key, string Scopes, bool DPoP, Uri TokenEndpoint);
