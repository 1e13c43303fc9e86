using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using Polly.Timeout;
using SlackOigSync.Okta;

namespace SlackOigSync.Governance;

/// <summary>The Okta Identity Governance calls the sync makes: entitlements and values, grants, revocation.</summary>
public sealed class GovernanceClient(HttpClient http)
{
    private const string Api = "Okta Governance";

    /// <summary>The app's entitlement with this externalValue, or null.</summary>
    public async Task<OigEntitlement?> FindEntitlementAsync(string appId, string externalValue, CancellationToken cancellationToken)
    {
        var filter = $"parent.externalId eq \"{appId}\" AND parent.type eq \"APPLICATION\" AND externalValue eq \"{externalValue}\"";
        var found = await ListAllAsync(
            $"governance/api/v1/entitlements?filter={Uri.EscapeDataString(filter)}&limit=200", "list entitlements", appId,
            GovernanceJsonContext.Default.OigListOigEntitlement, cancellationToken);
        return found.FirstOrDefault(e => e.ExternalValue == externalValue);
    }

    public Task<IReadOnlyList<OigEntitlementValue>> ListValuesAsync(string entitlementId, string appId, CancellationToken cancellationToken) =>
        ListAllAsync($"governance/api/v1/entitlements/{entitlementId}/values?limit=200", "list entitlement values", appId,
            GovernanceJsonContext.Default.OigListOigEntitlementValue, cancellationToken);

    /// <summary>Every active grant on the app that includes a value of the entitlement (optionally one user's), with full entitlement details, page by page.</summary>
    public IAsyncEnumerable<OigGrant> StreamGrantsAsync(string appId, string entitlementId, string? oktaUserId, CancellationToken cancellationToken)
    {
        var filter = $"target.externalId eq \"{appId}\" AND target.type eq \"APPLICATION\" AND entitlements.id eq \"{entitlementId}\""
            + (oktaUserId is null ? string.Empty : $" AND targetPrincipal.externalId eq \"{oktaUserId}\" AND targetPrincipal.type eq \"OKTA_USER\"");
        return StreamAsync($"governance/api/v1/grants?filter={Uri.EscapeDataString(filter)}&include=full_entitlements&limit=200", "list grants", appId,
            GovernanceJsonContext.Default.OigListOigGrant, cancellationToken);
    }

    public Task<OigEntitlement> CreateEntitlementAsync(OigEntitlementCreate body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "governance/api/v1/entitlements", JsonContent.Create(body, GovernanceJsonContext.Default.OigEntitlementCreate),
            "create entitlement", body.Parent.ExternalId, GovernanceJsonContext.Default.OigEntitlement, cancellationToken);

    public Task<OigEntitlement> PatchEntitlementAsync(string entitlementId, string appId, List<OigPatchOperation> operations, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, $"governance/api/v1/entitlements/{entitlementId}", JsonContent.Create(operations, GovernanceJsonContext.Default.ListOigPatchOperation),
            "update entitlement", appId, GovernanceJsonContext.Default.OigEntitlement, cancellationToken);

    public Task<OigGrant> CreateGrantAsync(OigGrantCreate body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "governance/api/v1/grants", JsonContent.Create(body, GovernanceJsonContext.Default.OigGrantCreate),
            "create grant", body.Target.ExternalId, GovernanceJsonContext.Default.OigGrant, cancellationToken);

    /// <summary>Revokes up to five value ORNs from one principal. Revoking a value the principal no longer holds changes nothing.</summary>
    public async Task RevokeAsync(OigRevokeRequest body, string appId, CancellationToken cancellationToken)
    {
        using var response = await RawAsync(HttpMethod.Post, "governance/api/v2/revoke-principal-access",
            JsonContent.Create(body, GovernanceJsonContext.Default.OigRevokeRequest), "revoke principal access", appId, cancellationToken);
    }

    private async Task<IReadOnlyList<T>> ListAllAsync<T>(string firstUrl, string operation, string appId, JsonTypeInfo<OigList<T>> type, CancellationToken cancellationToken)
    {
        var all = new List<T>();
        await foreach (var item in StreamAsync(firstUrl, operation, appId, type, cancellationToken))
        {
            all.Add(item);
        }

        return all;
    }

    /// <summary>Follows _links.next page after page; only one page is held at a time.</summary>
    private async IAsyncEnumerable<T> StreamAsync<T>(string firstUrl, string operation, string appId, JsonTypeInfo<OigList<T>> type, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? next = firstUrl;
        while (next is not null)
        {
            OigList<T>? page;
            using (var response = await RawAsync(HttpMethod.Get, next, null, operation, appId, cancellationToken))
            {
                page = await response.Content.ReadFromJsonAsync(type, cancellationToken);
            }

            foreach (var item in page?.Data ?? [])
            {
                yield return item;
            }

            next = page?.Links?.Next?.Href;
        }
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string url, HttpContent content, string operation, string appId, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await RawAsync(method, url, content, operation, appId, cancellationToken);
        return await response.Content.ReadFromJsonAsync(type, cancellationToken)
            ?? throw new Http.ApiException(Api, operation, (int)response.StatusCode, "empty_response", "OIG answered with an empty body.");
    }

    private async Task<HttpResponseMessage> RawAsync(HttpMethod method, string url, HttpContent? content, string operation, string appId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or IOException)
        {
            throw OktaErrorReader.Unreachable(http, Api, operation, e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await OktaErrorReader.ReadAsync(response, Api, operation,
                $"Okta answered 404 for app {appId}: either Okta:SlackAppId is wrong or entitlement management (Governance Engine) is not enabled on that app. Enable it under the app's General tab, then run again.",
                cancellationToken);
        }
    }
}
