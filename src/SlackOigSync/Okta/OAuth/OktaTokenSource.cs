using Duende.IdentityModel;
using Duende.IdentityModel.Client;
using Microsoft.Extensions.Logging;
using SlackOigSync.Http;

namespace SlackOigSync.Okta.OAuth;

/// <summary>
/// Gets the API Services app's access token with a signed client assertion (client_credentials, private_key_jwt) and
/// keeps it until shortly before it expires. Turns to DPoP when Okta asks for it (use_dpop_nonce, or a DPoP proof
/// required) and answers the token endpoint's nonce once. Every refusal becomes one sentence with the fix.
/// </summary>
public sealed class OktaTokenSource(HttpClient http, OktaServiceApp app, DPoPKey dpopKey, TimeProvider clock, ILogger<OktaTokenSource> logger) : IDisposable
{
    private const string Operation = "get an access token";

    /// <summary>How long before its expiry a token is replaced.</summary>
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(2);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private OktaAccessToken? _token;
    private bool _useDPoP = app.DPoP;

    /// <summary>The latest nonce the token endpoint or a resource server gave for DPoP proofs.</summary>
    public string? Nonce { get; set; }

    public DPoPKey DPoPKey => dpopKey;

    public async Task<OktaAccessToken> GetAsync(CancellationToken cancellationToken)
    {
        if (_token is { } current && current.ExpiresAt - RenewBefore > clock.GetUtcNow())
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_token is { } fresh && fresh.ExpiresAt - RenewBefore > clock.GetUtcNow())
            {
                return fresh;
            }

            _token = await RequestAsync(cancellationToken);
            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets <paramref name="refused"/> (Okta answered 401 to it), so the next call gets a new token.</summary>
    public void Invalidate(OktaAccessToken refused) => Interlocked.CompareExchange(ref _token, null, refused);

    private async Task<OktaAccessToken> RequestAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow();
            var request = new ClientCredentialsTokenRequest
            {
                Address = app.TokenEndpoint.AbsoluteUri,
                ClientId = app.ClientId,
                ClientCredentialStyle = ClientCredentialStyle.PostBody,
                Scope = app.Scopes,
                ClientAssertion = new ClientAssertion
                {
                    Type = OidcConstants.ClientAssertionTypes.JwtBearer,
                    Value = ClientAssertionJwt.Create(app.Key, app.ClientId, app.TokenEndpoint, now),
                },
                DPoPProofToken = _useDPoP ? dpopKey.Proof(HttpMethod.Post, app.TokenEndpoint, now, null, Nonce) : null,
            };
            var response = await http.RequestClientCredentialsTokenAsync(request, cancellationToken);
            if (!response.IsError && response.AccessToken is { Length: > 0 } token)
            {
                var isDPoP = string.Equals(response.TokenType, "DPoP", StringComparison.OrdinalIgnoreCase);
                SecretScrubber.Remember(token);
                logger.LogInformation(
                    "Okta issued an access token to service app {ClientId} ({TokenType}, {Scopes}, valid {Seconds} s)",
                    app.ClientId, isDPoP ? "DPoP-bound" : "Bearer", response.Scope ?? app.Scopes, response.ExpiresIn);
                return new OktaAccessToken(token, isDPoP, now + TimeSpan.FromSeconds(response.ExpiresIn > 0 ? response.ExpiresIn : 300), response.Scope ?? app.Scopes);
            }

            if (response.DPoPNonce is { Length: > 0 } nonce && attempt <= 2
                && (response.Error == "use_dpop_nonce" || (response.Error == "invalid_dpop_proof" && !_useDPoP)))
            {
                // Okta asks for DPoP, or for a fresh nonce: prove possession of the run's key with it, once.
                Nonce = nonce;
                _useDPoP = true;
                continue;
            }

            if (response.Error == "invalid_dpop_proof" && !_useDPoP && attempt == 1)
            {
                _useDPoP = true;
                continue;
            }

            throw Refusal(response);
        }
    }

    public void Dispose() => _gate.Dispose();

    private ApiException Refusal(TokenResponse response)
    {
        var status = response.HttpStatusCode == 0 ? (int?)null : (int)response.HttpStatusCode;
        if (response.ErrorType == ResponseErrorType.Exception)
        {
            return new ApiException("Okta", Operation, null, "connection_failed",
                $"could not reach the token endpoint {app.TokenEndpoint.GetLeftPart(UriPartial.Path)}: {response.Error}. Check Okta:OrgUrl and the network path to Okta.");
        }

        // On a 401, Duende reports the HTTP reason as the error; Okta's OAuth error is in the body either way.
        var error = response.TryGet("error") ?? response.Error;
        var description = response.TryGet("error_description") is { Length: > 0 } d ? $" ({d.TrimEnd('.')})" : string.Empty;
        var fix = error switch
        {
            "invalid_client" when Mentions(response, "expire", "iat", "nbf", "future", "clock") =>
                "Okta refused the client assertion as expired or not yet valid: this machine's clock is probably off; sync it (NTP) and run again.",
            "invalid_client" =>
                $"Okta refused the service app's credentials: check that Okta:ClientId ({app.ClientId}) is the API Services app's client id, that the app's client authentication is 'Public key / Private key' with this key's public half registered, and that Okta:KeyId{(app.Key.Key.KeyId is { } kid ? $" ('{kid}')" : string.Empty)} matches the registered key's id.",
            "invalid_scope" =>
                $"Okta:Scopes asks for a scope the app has not been granted; grant it on the app's 'Okta API Scopes' tab or remove it from Okta:Scopes (the sync needs {Configuration.OktaSettings.LeastScopes}).",
            "unauthorized_client" => "The app may not use the client_credentials grant: make it an API Services app (or allow Client Credentials on its General tab).",
            "invalid_dpop_proof" => "Okta refused the DPoP proof; check this machine's clock and run again.",
            _ => "Check Okta:OrgUrl, Okta:ClientId and the app's settings in Okta.",
        };
        return new ApiException("Okta", Operation, status, error ?? "token_error", $"the token endpoint refused the request{description}. {fix}");
    }

    private static bool Mentions(TokenResponse response, params string[] words) =>
        response.TryGet("error_description") is { } d && words.Any(w => d.Contains(w, StringComparison.OrdinalIgnoreCase));
}
