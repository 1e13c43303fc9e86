using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using SlackOigSync.Http;

namespace SlackOigSync.Slack;

/// <summary>The Slack Web API calls the sync makes. A thin mirror of the wire: paging and errors, nothing else.</summary>
public sealed class SlackClient(HttpClient http)
{
    /// <summary>Every page of admin.roles.listAssignments, at Slack's largest page size, page by page.</summary>
    public IAsyncEnumerable<SlackRoleAssignment> StreamRoleAssignmentsAsync(CancellationToken cancellationToken) =>
        StreamAsync("admin.roles.listAssignments", "limit=200&sort_dir=ASC", SlackJsonContext.Default.SlackRoleAssignmentsResponse, page => page.RoleAssignments, cancellationToken);

    /// <summary>Every member of the org through admin.users.list (1,000 per page), page by page: the bulk alternative to users.info.</summary>
    public IAsyncEnumerable<SlackAdminUser> StreamAdminUsersAsync(CancellationToken cancellationToken) =>
        StreamAsync("admin.users.list", "limit=1000", SlackJsonContext.Default.SlackAdminUsersResponse, page => page.Users, cancellationToken);

    /// <summary>users.info for one user; null when Slack says user_not_found.</summary>
    public async Task<SlackUser?> GetUserAsync(string userId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await GetAsync($"users.info?user={Uri.EscapeDataString(userId)}", "users.info", SlackJsonContext.Default.SlackUserInfoResponse, cancellationToken);
            return response.User;
        }
        catch (ApiException e) when (e.Code == "user_not_found")
        {
            return null;
        }
    }

    /// <summary>Follows response_metadata.next_cursor until Slack returns an empty one; only one page is held at a time.</summary>
    private async IAsyncEnumerable<TItem> StreamAsync<TPage, TItem>(
        string method, string arguments, JsonTypeInfo<TPage> type, Func<TPage, IEnumerable<TItem>> items, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TPage : SlackResponse
    {
        string? cursor = null;
        do
        {
            var url = $"{method}?{arguments}" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await GetAsync(url, method, type, cancellationToken);
            foreach (var item in items(page))
            {
                yield return item;
            }

            cursor = string.IsNullOrEmpty(page.ResponseMetadata?.NextCursor) ? null : page.ResponseMetadata.NextCursor;
        }
        while (cursor is not null);
    }

    private async Task<T> GetAsync<T>(string url, string method, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : SlackResponse
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(url, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or Polly.Timeout.TimeoutRejectedException or IOException)
        {
            throw new ApiException("Slack", method, null, "connection_failed", $"could not reach Slack at {http.BaseAddress}: {e.Message}", e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new ApiException("Slack", method, (int)response.StatusCode, response.StatusCode.ToString(),
                    (int)response.StatusCode == 429 ? "Slack kept rate-limiting after every retry; run again later." : "Slack answered with an HTTP error; run again later.");
            }

            var body = await response.Content.ReadFromJsonAsync(type, cancellationToken)
                ?? throw new ApiException("Slack", method, 200, "empty_response", "Slack answered with an empty body.");
            if (!body.Ok)
            {
                throw new ApiException("Slack", method, 200, body.Error ?? "unknown_error", SlackErrorHint.For(body.Error, body.Needed, body.Provided));
            }

            return body;
        }
    }
}
