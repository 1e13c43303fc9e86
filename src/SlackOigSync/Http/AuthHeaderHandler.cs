using System.Net.Http.Headers;

namespace SlackOigSync.Http;

/// <summary>Adds the credential to each request at the last moment, so no other layer ever holds or logs it.</summary>
public sealed class AuthHeaderHandler(Func<AuthenticationHeaderValue> header) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = header();
        return base.SendAsync(request, cancellationToken);
    }
}
