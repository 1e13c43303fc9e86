using SlackOigSync.Configuration;
using SlackOigSync.Governance;
using SlackOigSync.Http;

namespace SlackOigSync.Cli;

/// <summary>
/// 'campaign create --name NAME [--launch]' makes (and launches) an access certification campaign over the Slack
/// entitlement's values, never a second one of the same name; 'campaign list' shows the Slack app's campaigns.
/// </summary>
public sealed class CampaignCommand(GovernanceClient governance, AppSettings settings, TimeProvider clock)
{
    public async Task<int> CreateAsync(string name, bool launch, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var appId = settings.Okta.SlackAppId!;
        try
        {
            var entitlement = await governance.FindEntitlementAsync(appId, settings.Sync.EntitlementExternalValue, cancellationToken);
            if (entitlement is null)
            {
                await errors.WriteLineAsync($"The Slack app {appId} has no entitlement '{settings.Sync.EntitlementExternalValue}' yet, so there is nothing to certify. Run a sync first ('run'), then create the campaign.");
                return CommandLineApp.UsageError;
            }

            var sameName = await governance.FindCampaignsByNameAsync(name, appId, cancellationToken);
            var existing = new List<OigCampaign>();
            foreach (var candidate in sameName)
            {
                // Lists do not say what a campaign reviews; get does. Another resource's campaign is never touched.
                var full = await governance.GetCampaignAsync(candidate.Id, appId, cancellationToken);
                if (CampaignBody.Covers(full, appId, null))
                {
                    existing.Add(full);
                }
            }

            if (existing.Count == 0 && sameName.Count > 0)
            {
                await errors.WriteLineAsync($"A campaign named '{name}' exists already over other resources ({string.Join(", ", sameName.Select(c => c.Id))}); nothing was created or launched. Choose another --name.");
                return CommandLineApp.UsageError;
            }

            if (existing.Count > 0)
            {
                var campaign = existing[0];
                await output.WriteLineAsync($"A campaign named '{name}' exists already ({campaign.Id}, {campaign.Status}{(existing.Count > 1 ? $", and {existing.Count - 1} more of that name" : string.Empty)}); no second one was created.");
                if (launch && campaign.IsScheduled && campaign.RecurringCampaignId is null && !existing.Any(c => c.IsActive))
                {
                    return await LaunchAsync(campaign, appId, output, cancellationToken);
                }

                return 0;
            }

            var created = await governance.CreateCampaignAsync(
                CampaignBody.Build(settings.Campaign, name, appId, entitlement.Id, clock.GetUtcNow()), appId, cancellationToken);
            await output.WriteLineAsync($"Created campaign '{created.Name}' ({created.Id}, {created.Status}): {Describe(settings.Campaign)}, over every value of '{entitlement.Name ?? entitlement.ExternalValue}' ({entitlement.Id}) on app {appId}.");
            return launch ? await LaunchAsync(created, appId, output, cancellationToken) : 0;
        }
        catch (ApiException e)
        {
            await errors.WriteLineAsync($"campaign create failed: {e.Message}");
            return 1;
        }
    }

    public async Task<int> ListAsync(TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var appId = settings.Okta.SlackAppId!;
        try
        {
            var entitlement = await governance.FindEntitlementAsync(appId, settings.Sync.EntitlementExternalValue, cancellationToken);
            var rows = new List<OigCampaign>();
            await foreach (var sparse in governance.StreamCampaignsAsync(appId, cancellationToken))
            {
                // Lists do not say which resources a campaign reviews; get does.
                var full = await governance.GetCampaignAsync(sparse.Id, appId, cancellationToken);
                if (CampaignBody.Covers(full, appId, entitlement?.Id))
                {
                    rows.Add(full);
                }
            }

            if (rows.Count == 0)
            {
                await output.WriteLineAsync($"No campaign reviews the Slack app {appId}. 'campaign create --name NAME --launch' makes one.");
                return 0;
            }

            await output.WriteLineAsync($"Campaigns over the Slack app {appId} ({rows.Count}):");
            await output.WriteAsync(TextTable.Render(
                ["NAME", "ID", "STATUS", "SCHEDULE", "START", "END", "INSTANCE OF"],
                rows.Select(c => new[]
                {
                    c.Name, c.Id, c.Status, c.ScheduleText,
                    c.ScheduleSettings?.StartDate ?? c.StartDate, c.ScheduleSettings?.EndDate ?? c.EndDate, c.RecurringCampaignId,
                })));
            return 0;
        }
        catch (ApiException e)
        {
            await errors.WriteLineAsync($"campaign list failed: {e.Message}");
            return 1;
        }
    }

    private async Task<int> LaunchAsync(OigCampaign campaign, string appId, TextWriter output, CancellationToken cancellationToken)
    {
        var instance = await governance.LaunchCampaignAsync(campaign.Id, appId, cancellationToken);
        await output.WriteLineAsync(instance is not null && instance != campaign.Id
            ? $"Launched: the recurring campaign {campaign.Id} started its first instance {instance}; reviewers can decide now."
            : $"Launched campaign {campaign.Id}; reviewers can decide now.");
        return 0;
    }

    private static string Describe(CampaignSettings c) =>
        $"{(c.Recurrence == CampaignRecurrence.None ? "one-off" : c.Recurrence.ToString().ToLowerInvariant())}, {c.DurationInDays} days, "
        + c.Reviewer switch
        {
            CampaignReviewer.User => $"reviewed by {c.ReviewerId}",
            CampaignReviewer.ResourceOwner => $"reviewed by the app's owner (fallback {c.FallbackReviewerId})",
            _ => $"reviewed by each user's manager (fallback {c.FallbackReviewerId})",
        }
        + $", a revoke decision revokes the grant{(c.RevokeOnNoResponse ? ", no response revokes it too" : string.Empty)}";
}
