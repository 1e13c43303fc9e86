using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using SlackOigSync.Http;

namespace SlackOigSync.Slack;

/// <summary>The Slack Web API calls the sync makes. A thin mirror of the wire: paging and errors, nothing else.</summary>
public sealed class SlackClient(HttpClient http, SlackGrantedScopes scopes, HttpResilienceSettings limits)
{
    /// <summary>
    /// The token's scopes as the last answer's x-oauth-scopes header listed them; null until an answer carried the
    /// header (Slack sends it on every Web API answer to a user token).
    /// </summary>
    public IReadOnlySet<string>? GrantedScopes => scopes.Current;

    /// <summary>
    /// Every page of admin.roles.listAssignments, at Slack's largest page size, page by page; only the given roles
    /// when <paramref name="roleIds"/> is set (the confirming read before revocations).
    /// </summary>
    public IAsyncEnumerable<SlackRoleAssignment> StreamRoleAssignmentsAsync(IReadOnlyCollection<string>? roleIds, CancellationToken cancellationToken) =>
        StreamAsync(
            "admin.roles.listAssignments",
            "limit=200&sort_dir=ASC" + (roleIds is null ? string.Empty : "&role_ids=" + Uri.EscapeDataString(string.Join(',', roleIds))),
            SlackJsonContext.Default.SlackRoleAssignmentsResponse,
            page => (page.RoleAssignments ?? throw Malformed("admin.roles.listAssignments", "role_assignments"))
                .Select(a => string.IsNullOrEmpty(a?.RoleId) || string.IsNullOrEmpty(a.UserId) ? throw Malformed("admin.roles.listAssignments", "role_assignments[].role_id or user_id") : a),
            cancellationToken);

    /// <summary>Every active member of the org through admin.users.list (999 per page, Slack's largest), page by page: the bulk alternative to users.info.</summary>
    public IAsyncEnumerable<SlackAdminUser> StreamAdminUsersAsync(CancellationToken cancellationToken) =>
        StreamAsync("admin.users.list", "limit=999", SlackJsonContext.Default.SlackAdminUsersResponse, page => (page.Users ?? throw Malformed("admin.users.list", "users"))
            .Select(u => string.IsNullOrEmpty(u?.Id) ? throw Malformed("admin.users.list", "users[].id") : u), cancellationToken);

    /// <summary>users.info for one user; null when Slack says user_not_found. An ok answer without a user is an error, not "no user".</summary>
    public async Task<SlackUser?> GetUserAsync(string userId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await GetAsync($"users.info?user={Uri.EscapeDataString(userId)}", "users.info", SlackJsonContext.Default.SlackUserInfoResponse, cancellationToken);
            return response.User is { Id: not null } user ? user : throw Malformed("users.info", response.User is null ? "user" : "user.id");
        }
        catch (ApiException e) when (e.Code == "user_not_found")
        {
            return null;
        }
    }

    /// <summary>Slack's limit on user_ids and on entity_ids in one admin.roles.removeAssignments call.</summary>
    public const int MaxIdsPerRoleChange = 10;

    /// <summary>
    /// admin.roles.removeAssignments (scope admin.roles:write): removes the role from every user on every entity given,
    /// at most <see cref="MaxIdsPerRoleChange"/> of each. Slack processes every valid id; the ids it refused come back
    /// with Slack's reason (failed_for_some_users / _entities, or no_valid_users / _entities when none was valid).
    /// Any other error throws.
    /// </summary>
    public async Task<SlackRoleChangeResult> RemoveRoleAssignmentsAsync(string roleId, IReadOnlyCollection<string> userIds, IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken)
    {
        const string method = "admin.roles.removeAssignments";
        if (userIds.Count is 0 or > MaxIdsPerRoleChange || entityIds.Count is 0 or > MaxIdsPerRoleChange)
        {
            throw new ArgumentException($"{method} takes 1 to {MaxIdsPerRoleChange} user ids and entity ids.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(method, UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["role_id"] = roleId,
                ["user_ids"] = string.Join(',', userIds),
                ["entity_ids"] = string.Join(',', entityIds),
            }),
        };
        var body = await SendAsync(request, method, SlackJsonContext.Default.SlackRoleChangeResponse, cancellationToken);
        if (body.Ok)
        {
            return SlackRoleChangeResult.None;
        }

        if (body.Error is "failed_for_some_users" or "failed_for_some_entities" or "failed_for_some_users_and_entities" or "no_valid_users" or "no_valid_entities")
        {
            var users = Rejected(body.RejectedUsers, method);
            var entities = Rejected(body.RejectedEntities, method);

            // An error that refuses ids must say which: without them, nothing can be known to have been removed.
            if (users.Count == 0 && entities.Count == 0)
            {
                throw Malformed(method, "rejected_users or rejected_entities");
            }

            return new SlackRoleChangeResult(
                body.Error == "no_valid_users" ? userIds.ToDictionary(u => u, u => users.GetValueOrDefault(u) ?? "no_valid_users", StringComparer.Ordinal) : users,
                body.Error == "no_valid_entities" ? entityIds.ToDictionary(e => e, e => entities.GetValueOrDefault(e) ?? "no_valid_entities", StringComparer.Ordinal) : entities);
        }

        throw new ApiException("Slack", method, 200, body.Error ?? "unknown_error", SlackErrorHint.For(body.Error, body.Needed, body.Provided));
    }

    private static Dictionary<string, string> Rejected(List<SlackRejectedId>? items, string method) =>
        (items ?? []).Select(i => i is { Id: { Length: > 0 } } ? i : throw Malformed(method, "rejected_users[].id or rejected_entities[].id"))
            .GroupBy(i => i.Id!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Error ?? "rejected", StringComparer.Ordinal);

    /// <summary>Follows response_metadata.next_cursor until Slack returns an empty one; only one page is held at a time, and a cursor never comes back.</summary>
    private async IAsyncEnumerable<TItem> StreamAsync<TPage, TItem>(
        string method, string arguments, JsonTypeInfo<TPage> type, Func<TPage, IEnumerable<TItem>> items, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TPage : SlackResponse
    {
        var guard = new ListingGuard("Slack", method, http.BaseAddress!, limits.MaxPagesPerListing);
        string? cursor = null;
        do
        {
            guard.CountPage();
            var url = $"{method}?{arguments}" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await GetAsync(url, method, type, cancellationToken);
            foreach (var item in items(page))
            {
                yield return item ?? throw Malformed(method, "an item of the list");
            }

            cursor = string.IsNullOrEmpty(page.ResponseMetadata?.NextCursor) ? null : guard.Cursor(page.ResponseMetadata.NextCursor);
        }
        while (cursor is not null);
    }

    private async Task<T> GetAsync<T>(string url, string method, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : SlackResponse
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        var body = await SendAsync(request, method, type, cancellationToken);
        if (!body.Ok)
        {
            throw new ApiException("Slack", method, 200, body.Error ?? "unknown_error", SlackErrorHint.For(body.Error, body.Needed, body.Provided));
        }

        return body;
    }

    /// <summary>Sends the call and reads Slack's answer, ok or not; an HTTP error or a body that is not Slack's JSON throws.</summary>
    private async Task<T> SendAsync<T>(HttpRequestMessage request, string method, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : SlackResponse
    {
        using var response = await ApiCall.SendAsync(http, request, "Slack", method, cancellationToken);
        if (response.Headers.TryGetValues("x-oauth-scopes", out var granted))
        {
            scopes.Observe(granted);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new ApiException("Slack", method, (int)response.StatusCode, response.StatusCode.ToString(),
                (int)response.StatusCode == 429 ? "Slack kept rate-limiting after every retry; run again later." : "Slack answered with an HTTP error; run again later.");
        }

        return await ApiCall.ReadJsonAsync(response, type, "Slack", method, cancellationToken);
    }

    private static ApiException Malformed(string method, string field) =>
        new("Slack", method, 200, "malformed_response", $"Slack answered ok without '{field}'; a malformed answer is never read as empty. Run again; if it persists, check Slack's status.");
}
