using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using SlackOigSync.Http;

namespace SlackOigSync.Okta;

/// <summary>The Okta management API calls the sync makes: the Slack app's users and user search by email.</summary>
public sealed class OktaClient(HttpClient http)
{
    /// <summary>Every user assigned to the app (500 per page, following the Link header), page by page.</summary>
    public IAsyncEnumerable<OktaAppUser> StreamAppUsersAsync(string appId, CancellationToken cancellationToken) =>
        StreamAsync(new Uri($"api/v1/apps/{Uri.EscapeDataString(appId)}/users?limit=500", UriKind.Relative), "list app users",
            $"Okta app {appId} was not found: check Okta:SlackAppId.", OktaJsonContext.Default.ListOktaAppUser, cancellationToken);

    /// <summary>Every user of the org that is not deprovisioned (200 per page, following the Link header), page by page.</summary>
    public IAsyncEnumerable<OktaUser> StreamUsersAsync(CancellationToken cancellationToken) =>
        StreamAsync(new Uri("api/v1/users?limit=200", UriKind.Relative), "list users", null, OktaJsonContext.Default.ListOktaUser, cancellationToken);

    /// <summary>Users whose primary email is <paramref name="email"/> (Okta compares case-insensitively).</summary>
    public async Task<IReadOnlyList<OktaUser>> FindUsersByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var search = $"profile.email eq \"{email.Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
        using var response = await SendAsync(new Uri($"api/v1/users?search={Uri.EscapeDataString(search)}&limit=200", UriKind.Relative), "search users by email", null, cancellationToken);
        return await response.Content.ReadFromJsonAsync(OktaJsonContext.Default.ListOktaUser, cancellationToken) ?? [];
    }

    /// <summary>Follows the Link header page after page; only one page is held at a time.</summary>
    private async IAsyncEnumerable<T> StreamAsync<T>(
        Uri first, string operation, string? notFoundHint, JsonTypeInfo<List<T>> type, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Uri? next = first;
        while (next is not null)
        {
            List<T> page;
            using (var response = await SendAsync(next, operation, notFoundHint, cancellationToken))
            {
                page = await response.Content.ReadFromJsonAsync(type, cancellationToken) ?? [];
                next = LinkHeader.Next(response);
            }

            foreach (var item in page)
            {
                yield return item;
            }
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Uri uri, string operation, string? notFoundHint, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(uri, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or Polly.Timeout.TimeoutRejectedException or IOException)
        {
            throw OktaErrorReader.Unreachable(http, "Okta", operation, e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await OktaErrorReader.ReadAsync(response, "Okta", operation, notFoundHint, cancellationToken);
        }
    }
}
