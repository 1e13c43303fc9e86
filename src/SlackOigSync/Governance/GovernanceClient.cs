using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using SlackOigSync.Http;
using SlackOigSync.Okta;

namespace SlackOigSync.Governance;

/// <summary>The Okta Identity Governance calls the sync makes: entitlements and values, grants, revocation.</summary>
public sealed partial class GovernanceClient(HttpClient http, HttpResilienceSettings limits, OktaCredentialHints credentials)
{
    private const string Api = "Okta Governance";

    /// <summary>The spec's limit on operations in one PATCH /entitlements/{id} (entitlement-patch maxItems).</summary>
    public const int MaxPatchOperations = 100;

    /// <summary>
    /// The app's entitlement with this externalValue, or null. The listing is filtered by parent only, the filter
    /// the spec documents for listEntitlements, and read to its end; the externalValue is matched here, and two
    /// entitlements with it are an error rather than a guess.
    /// </summary>
    public async Task<OigEntitlement?> FindEntitlementAsync(string appId, string externalValue, CancellationToken cancellationToken)
    {
        const string operation = "list entitlements";
        var filter = $"parent.externalId eq \"{appId}\" AND parent.type eq \"APPLICATION\"";
        var found = new List<OigEntitlement>();
        await foreach (var entitlement in StreamAsync(
            $"governance/api/v1/entitlements?filter={Uri.EscapeDataString(filter)}&limit=200", operation, appId,
            GovernanceJsonContext.Default.OigListOigEntitlement, e => e.Id, cancellationToken))
        {
            if (entitlement.ExternalValue == externalValue)
            {
                found.Add(entitlement);
            }
        }

        return found.Count <= 1 ? found.SingleOrDefault()
            : throw new ApiException(Api, operation, 200, "ambiguous_entitlement",
                $"app {appId} has {found.Count} entitlements with externalValue '{externalValue}' ({string.Join(", ", found.Select(e => e.Id))}); the sync manages exactly one. Delete the extra one in OIG or set Sync:EntitlementExternalValue, then run again.");
    }

    public async Task<IReadOnlyList<OigEntitlementValue>> ListValuesAsync(string entitlementId, string appId, CancellationToken cancellationToken)
    {
        var all = new List<OigEntitlementValue>();
        await foreach (var value in StreamAsync($"governance/api/v1/entitlements/{entitlementId}/values?limit=200", "list entitlement values", appId,
            GovernanceJsonContext.Default.OigListOigEntitlementValue, v => v.Id, cancellationToken))
        {
            all.Add(value);
        }

        return all;
    }

    /// <summary>Every grant on the app that includes a value of the entitlement (optionally one user's), with full entitlement details, page by page.</summary>
    public IAsyncEnumerable<OigGrant> StreamGrantsAsync(string appId, string entitlementId, string? oktaUserId, CancellationToken cancellationToken)
    {
        var filter = $"target.externalId eq \"{appId}\" AND target.type eq \"APPLICATION\" AND entitlements.id eq \"{entitlementId}\""
            + (oktaUserId is null ? string.Empty : $" AND targetPrincipal.externalId eq \"{oktaUserId}\" AND targetPrincipal.type eq \"OKTA_USER\"");
        return StreamAsync($"governance/api/v1/grants?filter={Uri.EscapeDataString(filter)}&include=full_entitlements&limit=200", "list grants", appId,
            GovernanceJsonContext.Default.OigListOigGrant, g => g.Id, cancellationToken);
    }

    /// <summary>
    /// The value ids of one entitlement a user effectively holds on the app (listPrincipalEntitlements): OIG's own
    /// summary of the user's access, a view independent of the grant listing.
    /// </summary>
    public async Task<IReadOnlySet<string>> PrincipalValueIdsAsync(string appId, string entitlementId, string oktaUserId, CancellationToken cancellationToken)
    {
        var filter = $"parent.externalId eq \"{appId}\" AND parent.type eq \"APPLICATION\" AND targetPrincipal.externalId eq \"{oktaUserId}\" AND targetPrincipal.type eq \"OKTA_USER\"";
        var held = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var entitlement in StreamAsync($"governance/api/v1/principal-entitlements?filter={Uri.EscapeDataString(filter)}", "list principal entitlements", appId,
            GovernanceJsonContext.Default.OigListOigPrincipalEntitlement, e => e.Id, cancellationToken))
        {
            if (entitlement.Id == entitlementId)
            {
                held.UnionWith((entitlement.Values ?? []).Select(v => v.Id));
            }
        }

        return held;
    }

    /// <summary>Creates the app's multi-valued string entitlement with these values.</summary>
    public async Task<OigEntitlement> CreateEntitlementAsync(
        string appId, string name, string externalValue, string description, IEnumerable<NewEntitlementValue> values, CancellationToken cancellationToken)
    {
        var body = new OigEntitlementCreate(name, externalValue, description, new OigResourceRef(appId, "APPLICATION"), true, "string",
            [.. values.Select(v => new OigNewValue(v.Name, v.ExternalValue, v.Description))]);
        return Whole(await SendAsync(HttpMethod.Post, "governance/api/v1/entitlements", JsonContent.Create(body, GovernanceJsonContext.Default.OigEntitlementCreate),
            "create entitlement", appId, GovernanceJsonContext.Default.OigEntitlement, cancellationToken), "create entitlement");
    }

    /// <summary>Adds values to the entitlement (PATCH ADD /values/-, in batches).</summary>
    public Task<OigEntitlement> AddValuesAsync(string entitlementId, string appId, IEnumerable<NewEntitlementValue> values, CancellationToken cancellationToken) =>
        PatchEntitlementAsync(entitlementId, appId,
            [.. values.Select(v => new OigPatchOperation("ADD", "/values/-", new OigNewValue(v.Name, v.ExternalValue, v.Description), "ENTITLEMENT-VALUE"))], cancellationToken);

    /// <summary>Renames values of the entitlement (PATCH REPLACE /values/{id}, in batches).</summary>
    public Task<OigEntitlement> RenameValuesAsync(string entitlementId, string appId, IEnumerable<(string ValueId, NewEntitlementValue Value)> values, CancellationToken cancellationToken) =>
        PatchEntitlementAsync(entitlementId, appId,
            [.. values.Select(v => new OigPatchOperation("REPLACE", $"/values/{v.ValueId}", new OigNewValue(v.Value.Name, v.Value.ExternalValue, v.Value.Description), "ENTITLEMENT-VALUE"))],
            cancellationToken);

    /// <summary>One ENTITLEMENT grant giving a user these values of the app's entitlement, made by the API.</summary>
    public Task<OigGrant> GrantAsync(string appId, string entitlementId, string oktaUserId, IEnumerable<string> valueIds, CancellationToken cancellationToken) =>
        CreateGrantAsync(
            new OigGrantCreate("ENTITLEMENT", new OigResourceRef(appId, "APPLICATION"), new OigResourceRef(oktaUserId, "OKTA_USER"),
                [new OigGrantEntitlement(entitlementId, [.. valueIds.Select(v => new OigGrantValue(v))])], "API"),
            cancellationToken);

    /// <summary>Revokes up to five value ORNs from one principal, as the API.</summary>
    public Task RevokeAsync(string principalOrn, IEnumerable<string> valueOrns, string appId, CancellationToken cancellationToken) =>
        RevokeAsync(new OigRevokeRequest(principalOrn, [.. valueOrns], "API"), appId, cancellationToken);

    /// <summary>Applies the operations in batches of at most <see cref="MaxPatchOperations"/>; answers with the entitlement as the last batch left it.</summary>
    private async Task<OigEntitlement> PatchEntitlementAsync(string entitlementId, string appId, List<OigPatchOperation> operations, CancellationToken cancellationToken)
    {
        OigEntitlement? entitlement = null;
        foreach (var batch in operations.Chunk(MaxPatchOperations))
        {
            entitlement = Whole(await SendAsync(HttpMethod.Patch, $"governance/api/v1/entitlements/{entitlementId}",
                JsonContent.Create([.. batch], GovernanceJsonContext.Default.ListOigPatchOperation),
                "update entitlement", appId, GovernanceJsonContext.Default.OigEntitlement, cancellationToken), "update entitlement");
        }

        return entitlement ?? throw new ArgumentException("At least one operation is needed.", nameof(operations));
    }

    private Task<OigGrant> CreateGrantAsync(OigGrantCreate body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "governance/api/v1/grants", JsonContent.Create(body, GovernanceJsonContext.Default.OigGrantCreate),
            "create grant", body.Target.ExternalId, GovernanceJsonContext.Default.OigGrant, cancellationToken);

    /// <summary>Revokes up to five value ORNs from one principal. Revoking a value the principal no longer holds changes nothing.</summary>
    private async Task RevokeAsync(OigRevokeRequest body, string appId, CancellationToken cancellationToken)
    {
        using var response = await RawAsync(HttpMethod.Post, new Uri("governance/api/v2/revoke-principal-access", UriKind.Relative),
            JsonContent.Create(body, GovernanceJsonContext.Default.OigRevokeRequest), "revoke principal access", appId, cancellationToken);
    }

    /// <summary>Follows _links.next page after page, on the configured origin only; only one page is held at a time.</summary>
    private async IAsyncEnumerable<T> StreamAsync<T>(
        string first, string operation, string appId, JsonTypeInfo<OigList<T>> type, Func<T, string?> id, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var guard = new ListingGuard(Api, operation, http.BaseAddress!, limits.MaxPagesPerListing);
        Uri? next = guard.First(first);
        while (next is not null)
        {
            guard.CountPage();
            OigList<T> page;
            using (var response = await RawAsync(HttpMethod.Get, next, null, operation, appId, cancellationToken))
            {
                page = await ApiCall.ReadJsonAsync(response, type, Api, operation, cancellationToken);
                if (page.Data.Any(item => item is null || string.IsNullOrEmpty(id(item))))
                {
                    throw ApiCall.Malformed(Api, operation, response, "an item of 'data' without an id");
                }
            }

            foreach (var item in page.Data)
            {
                yield return item;
            }

            next = page.Links?.Next?.Href is { } href ? guard.Next(href) : null;
        }
    }

    /// <summary>An entitlement answer must carry what the sync goes on to use: its id, and ids and externalValues of its values (the wire models require them).</summary>
    private static OigEntitlement Whole(OigEntitlement entitlement, string operation) =>
        entitlement.Values?.Any(v => v is null) == true
            ? throw ApiCall.Malformed(Api, operation, 200, "a null item in 'values'")
            : entitlement;

    private async Task<T> SendAsync<T>(HttpMethod method, string url, HttpContent? content, string operation, string appId, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await RawAsync(method, new Uri(url, UriKind.Relative), content, operation, appId, cancellationToken);
        return await ApiCall.ReadJsonAsync(response, type, Api, operation, cancellationToken);
    }

    private async Task<HttpResponseMessage> RawAsync(HttpMethod method, Uri url, HttpContent? content, string operation, string appId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        var response = await ApiCall.SendAsync(http, request, Api, operation, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await OktaErrorReader.ReadAsync(response, Api, operation,
                $"Okta answered 404 for app {appId}: either Okta:SlackAppId is wrong or entitlement management (Governance Engine) is not enabled on that app. Enable it under the app's General tab, then run again.",
                credentials, cancellationToken);
        }
    }
}
