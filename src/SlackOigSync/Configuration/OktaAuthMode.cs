namespace SlackOigSync.Configuration;

/// <summary>How the worker authenticates to Okta (setting Okta:AuthMode).</summary>
public enum OktaAuthMode
{
    /// <summary>An API token sent as "SSWS …" (Okta:ApiToken), or an access token minted elsewhere (Okta:AccessToken).</summary>
    ApiToken,

    /// <summary>An API Services app that signs a client assertion with its private key (private_key_jwt), optionally DPoP-bound.</summary>
    PrivateKey,
}
