using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using SlackOigSync.Http;

namespace SlackOigSync.Okta;

/// <summary>The Okta management API calls the sync makes: the Slack app's users and user search by email.</summary>
public sealed class OktaClient(HttpClient http, HttpResilienceSettings limits, OktaCredentialHints credentials)
{
    private const string Api = "Okta";

    /// <summary>Every user assigned to the app (500 per page, following the Link header), page by page.</summary>
    public IAsyncEnumerable<OktaAppUser> StreamAppUsersAsync(string appId, CancellationToken cancellationToken) =>
        StreamAsync($"api/v1/apps/{Uri.EscapeDataString(appId)}/users?limit=500", "list app users",
            $"Okta app {appId} was not found: check Okta:SlackAppId.", OktaJsonContext.Default.ListOktaAppUser, u => u.Id, cancellationToken);

    /// <summary>Every user of the org that is not deprovisioned (200 per page, following the Link header), page by page.</summary>
    public IAsyncEnumerable<OktaUser> StreamUsersAsync(CancellationToken cancellationToken) =>
        StreamAsync("api/v1/users?limit=200", "list users", null, OktaJsonContext.Default.ListOktaUser, u => u.Id, cancellationToken);

    /// <summary>Users whose primary email is <paramref name="email"/> (Okta compares case-insensitively).</summary>
    public async Task<IReadOnlyList<OktaUser>> FindUsersByEmailAsync(string email, CancellationToken cancellationToken)
    {
        const string operation = "search users by email";
        var search = $"profile.email eq \"{email.Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
        using var response = await SendAsync(new Uri($"api/v1/users?search={Uri.EscapeDataString(search)}&limit=200", UriKind.Relative), operation, null, cancellationToken);
        var users = await ApiCall.ReadJsonAsync(response, OktaJsonContext.Default.ListOktaUser, Api, operation, cancellationToken);
        return users.Any(u => u is null) ? throw ApiCall.Malformed(Api, operation, response, "a null item in the list") : users;
    }

    /// <summary>Follows the Link header page after page, on the configured origin only; only one page is held at a time.</summary>
    private async IAsyncEnumerable<T> StreamAsync<T>(
        string first, string operation, string? notFoundHint, JsonTypeInfo<List<T>> type, Func<T, string?> id, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var guard = new ListingGuard(Api, operation, http.BaseAddress!, limits.MaxPagesPerListing);
        Uri? next = guard.First(first);
        while (next is not null)
        {
            guard.CountPage();
            List<T> page;
            using (var response = await SendAsync(next, operation, notFoundHint, cancellationToken))
            {
                page = await ApiCall.ReadJsonAsync(response, type, Api, operation, cancellationToken);
                if (page.Any(item => item is null || string.IsNullOrEmpty(id(item))))
                {
                    throw ApiCall.Malformed(Api, operation, response, "an item without an id");
                }

                next = LinkHeader.Next(response) is { } link ? guard.Next(link) : null;
            }

            foreach (var item in page)
            {
                yield return item;
            }
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Uri uri, string operation, string? notFoundHint, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        var response = await ApiCall.SendAsync(http, request, Api, operation, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await OktaErrorReader.ReadAsync(response, Api, operation, notFoundHint, credentials, cancellationToken);
        }
    }
}
