namespace SlackOigSync.Configuration;

/// <summary>Configuration section "Okta".</summary>
public sealed class OktaSettings
{
    /// <summary>The scopes the sync needs, and no more: reading users and apps, reading and managing entitlements and grants.</summary>
    public const string LeastScopes = "okta.users.read okta.apps.read okta.governance.entitlements.read okta.governance.entitlements.manage";

    /// <summary>https://{yourOrg}.okta.com</summary>
    public string? OrgUrl { get; set; }

    /// <summary>ApiToken (default: Okta:ApiToken or Okta:AccessToken) or PrivateKey (an API Services app).</summary>
    public OktaAuthMode AuthMode { get; set; } = OktaAuthMode.ApiToken;

    /// <summary>An API token, sent as "SSWS …". Set this or AccessToken, not both.</summary>
    public string? ApiToken { get; set; }

    /// <summary>A file holding Okta:ApiToken (a Kubernetes or systemd secret); trailing whitespace is trimmed.</summary>
    public string? ApiTokenFile { get; set; }

    /// <summary>An OAuth 2.0 access token, sent as "Bearer …".</summary>
    public string? AccessToken { get; set; }

    /// <summary>A file holding Okta:AccessToken.</summary>
    public string? AccessTokenFile { get; set; }

    /// <summary>PrivateKey mode: the API Services app's client id (0oa…).</summary>
    public string? ClientId { get; set; }

    /// <summary>PrivateKey mode: the app's private key, PEM (PKCS#8, PKCS#1 RSA, or EC P-256) or a JWK JSON file.</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>PrivateKey mode: the key's id (kid) as registered on the app; optional when the app has one key (a JWK file's kid is used otherwise).</summary>
    public string? KeyId { get; set; }

    /// <summary>PrivateKey mode: the scopes requested, space-separated.</summary>
    public string Scopes { get; set; } = LeastScopes;

    /// <summary>PrivateKey mode: bind tokens to a key with DPoP from the start (Okta asks for it anyway when the app requires it).</summary>
    public bool DPoP { get; set; }

    /// <summary>The id (0oa…) of the Okta app that represents Slack.</summary>
    public string? SlackAppId { get; set; }
}
