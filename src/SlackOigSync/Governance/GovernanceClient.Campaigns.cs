using System.Net.Http.Json;

namespace SlackOigSync.Governance;

/// <summary>Access certification campaigns (scopes okta.governance.accessCertifications.read and .manage).</summary>
public sealed partial class GovernanceClient
{
    /// <summary>Every campaign whose name is exactly this (Okta allows several of one name), every page.</summary>
    public async Task<IReadOnlyList<OigCampaign>> FindCampaignsByNameAsync(string name, string appId, CancellationToken cancellationToken)
    {
        var filter = $"name eq \"{name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
        var found = new List<OigCampaign>();
        await foreach (var c in StreamAsync($"governance/api/v1/campaigns?filter={Uri.EscapeDataString(filter)}&limit=200", "list campaigns", appId,
            CampaignJsonContext.Default.OigListOigCampaign, c => c.Id, cancellationToken))
        {
            // The filter is Okta's; the exact match is checked here too, so a looser server never leads to a wrong "exists".
            if (c.Name == name)
            {
                found.Add(c);
            }
        }

        return found;
    }

    /// <summary>Every campaign of the org (sparse: no resources), every page.</summary>
    public IAsyncEnumerable<OigCampaign> StreamCampaignsAsync(string appId, CancellationToken cancellationToken) =>
        StreamAsync("governance/api/v1/campaigns?limit=200&orderBy=created%20desc", "list campaigns", appId,
            CampaignJsonContext.Default.OigListOigCampaign, c => c.Id, cancellationToken);

    public Task<OigCampaign> GetCampaignAsync(string campaignId, string appId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"governance/api/v1/campaigns/{Uri.EscapeDataString(campaignId)}", null, "get campaign", appId, CampaignJsonContext.Default.OigCampaign, cancellationToken);

    public Task<OigCampaign> CreateCampaignAsync(OigCampaignCreate body, string appId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "governance/api/v1/campaigns", JsonContent.Create(body, CampaignJsonContext.Default.OigCampaignCreate),
            "create campaign", appId, CampaignJsonContext.Default.OigCampaign, cancellationToken);

    /// <summary>Launches a SCHEDULED campaign (202); for a recurring one Okta starts an instance, named by the Location header (absolute or relative), returned here.</summary>
    public async Task<string?> LaunchCampaignAsync(string campaignId, string appId, CancellationToken cancellationToken)
    {
        using var response = await RawAsync(HttpMethod.Post, new Uri($"governance/api/v1/campaigns/{Uri.EscapeDataString(campaignId)}/launch", UriKind.Relative),
            null, "launch campaign", appId, cancellationToken);
        return response.Headers.Location is { } location ? new Uri(http.BaseAddress!, location).Segments[^1] : null;
    }
}
