using System.Net.Http.Json;
using SlackOigSync.Http;

namespace SlackOigSync.Okta;

/// <summary>The Okta management API calls the sync makes: the Slack app's users and user search by email.</summary>
public sealed class OktaClient(HttpClient http)
{
    /// <summary>Every user assigned to the app (500 per page, following the Link header).</summary>
    public async Task<IReadOnlyList<OktaAppUser>> ListAppUsersAsync(string appId, CancellationToken cancellationToken)
    {
        var all = new List<OktaAppUser>();
        Uri? next = new($"api/v1/apps/{Uri.EscapeDataString(appId)}/users?limit=500", UriKind.Relative);
        while (next is not null)
        {
            using var response = await SendAsync(next, "list app users", $"Okta app {appId} was not found: check Okta:SlackAppId.", cancellationToken);
            all.AddRange(await response.Content.ReadFromJsonAsync(OktaJsonContext.Default.ListOktaAppUser, cancellationToken) ?? []);
            next = LinkHeader.Next(response);
        }

        return all;
    }

    /// <summary>Every user of the org that is not deprovisioned (200 per page, following the Link header).</summary>
    public async Task<IReadOnlyList<OktaUser>> ListUsersAsync(CancellationToken cancellationToken)
    {
        var all = new List<OktaUser>();
        Uri? next = new("api/v1/users?limit=200", UriKind.Relative);
        while (next is not null)
        {
            using var response = await SendAsync(next, "list users", null, cancellationToken);
            all.AddRange(await response.Content.ReadFromJsonAsync(OktaJsonContext.Default.ListOktaUser, cancellationToken) ?? []);
            next = LinkHeader.Next(response);
        }

        return all;
    }

    /// <summary>Users whose primary email is <paramref name="email"/> (Okta compares case-insensitively).</summary>
    public async Task<IReadOnlyList<OktaUser>> FindUsersByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var search = $"profile.email eq \"{email.Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
        using var response = await SendAsync(new Uri($"api/v1/users?search={Uri.EscapeDataString(search)}&limit=200", UriKind.Relative), "search users by email", null, cancellationToken);
        return await response.Content.ReadFromJsonAsync(OktaJsonContext.Default.ListOktaUser, cancellationToken) ?? [];
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
