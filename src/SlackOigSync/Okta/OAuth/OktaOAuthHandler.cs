using System.Net;
using System.Net.Http.Headers;

namespace SlackOigSync.Okta.OAuth;

/// <summary>
/// Authenticates each Okta and OIG call as the API Services app: "Bearer token", or "DPoP token" with a fresh proof
/// for this exact request (htm, htu, ath, nonce). On a 401 it gets a new token once (the old one expired or was
/// revoked); on a resource server's use_dpop_nonce it answers the nonce once.
/// </summary>
public sealed class OktaOAuthHandler(OktaTokenSource tokens, TimeProvider clock) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAsync(cancellationToken);
        var response = await SendWithAsync(request, token, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        if (token.IsDPoP && response.Headers.TryGetValues("DPoP-Nonce", out var nonces) && nonces.FirstOrDefault() is { Length: > 0 } nonce && nonce != tokens.Nonce)
        {
            tokens.Nonce = nonce;
        }
        else
        {
            tokens.Invalidate(token);
            token = await tokens.GetAsync(cancellationToken);
        }

        response.Dispose();
        return await SendWithAsync(request, token, cancellationToken);
    }

    private Task<HttpResponseMessage> SendWithAsync(HttpRequestMessage request, OktaAccessToken token, CancellationToken cancellationToken)
    {
        request.Headers.Remove("DPoP");
        if (token.IsDPoP)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("DPoP", token.Value);
            request.Headers.Add("DPoP", tokens.DPoPKey.Proof(request.Method, request.RequestUri!, clock.GetUtcNow(), token.Value, tokens.Nonce));
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
