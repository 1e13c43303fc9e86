using System.Diagnostics.CodeAnalysis;
using SlackOigSync.Configuration;
using SlackOigSync.Governance;
using SlackOigSync.Okta;
using SlackOigSync.Progress;
using SlackOigSync.Slack;

namespace SlackOigSync.Sync;

/// <summary>
/// Reads the three sources into one snapshot. They are independent, so they are read in parallel, each to its last
/// page; any failed or malformed read throws, so that nothing is written on a partial view. The Slack token's scopes
/// are checked here too: a listing from a token that cannot read roles is not trusted.
/// </summary>
public sealed class SourceReader(AppSettings settings, SlackClient slack, OktaClient okta, GovernanceClient governance, RunProgress progress)
{
    private const string AdminRolesScope = "admin.roles:read";
    private const string AdminRolesWriteScope = "admin.roles:write";

    public async Task<SourceSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var appId = settings.Okta.SlackAppId!;
        var slackRead = InPhaseAsync("Slack", "role assignments read", phase => SlackRoleHolders.ReadAsync(slack.StreamRoleAssignmentsAsync(null, cancellationToken).Counted(phase)));
        var appUsersRead = InPhaseAsync("Okta app users", "read", phase => AppUserIndex.ReadAsync(okta.StreamAppUsersAsync(appId, cancellationToken).Counted(phase)));
        var oigRead = ReadOigAsync(appId, cancellationToken);
        await Task.WhenAll(slackRead, appUsersRead, oigRead);
        CheckScopes();
        var (entitlement, values, grants) = await oigRead;
        return new SourceSnapshot(await slackRead, await appUsersRead, entitlement, values, grants);
    }

    /// <summary>Every grant of the entitlement on the app, in any state, with its kind and state as the sync acts on them.</summary>
    public async Task<IReadOnlyList<CurrentGrant>> ReadGrantsAsync(string appId, string entitlementId, CancellationToken cancellationToken)
    {
        var grants = new List<CurrentGrant>();
        var words = new Dictionary<string, string>(StringComparer.Ordinal); // kinds and statuses: a handful of words, one string each, not one per grant
        using var phase = progress.Start("OIG grants", "read");
        await foreach (var g in governance.StreamGrantsAsync(appId, entitlementId, null, cancellationToken).Counted(phase))
        {
            // Every status is read: a grant that is not active still holds its values (never granted a second time),
            // and is never revoked.
            grants.Add(new CurrentGrant(
                g.Id, Shared(words, g.GrantType), g.TargetPrincipal.ExternalId, g.TargetPrincipalOrn,
                [.. (g.Entitlements ?? []).Where(e => e.Id == entitlementId).SelectMany(e => e.Values ?? []).Select(v => v.Id)])
            {
                State = g.IsActive ? GrantState.Active : GrantState.NotActive,
                Kind = g.IsEntitlementGrant ? GrantKind.Entitlement : GrantKind.Other,
                StatusText = Shared(words, g.Status),
            });
        }

        return grants;
    }

    [return: NotNullIfNotNull(nameof(word))]
    private static string? Shared(Dictionary<string, string> words, string? word)
    {
        if (word is null)
        {
            return null;
        }

        if (!words.TryGetValue(word, out var shared))
        {
            words[word] = shared = word;
        }

        return shared;
    }

    /// <summary>Slack lists the token's scopes on every answer: without admin.roles:read the listing is not trusted; RemoveFromSlack needs admin.roles:write, checked before anything is written.</summary>
    private void CheckScopes()
    {
        if (slack.GrantedScopes is not { } scopes)
        {
            return;
        }

        if (!scopes.Contains(AdminRolesScope))
        {
            throw new SyncAbortedException($"the Slack token lacks the '{AdminRolesScope}' scope (it has: {string.Join(",", scopes.Order(StringComparer.Ordinal))}), so its role listing cannot be trusted. Add '{AdminRolesScope}' to the Slack app's user token scopes and reinstall the app org-wide; nothing was written.");
        }

        // On every run in that mode, so that a missing scope shows the first night, not the night a reviewer revokes.
        if (settings.Sync.OnOigRevocation == OigRevocationMode.RemoveFromSlack && !scopes.Contains(AdminRolesWriteScope))
        {
            throw new SyncAbortedException($"Sync:OnOigRevocation is RemoveFromSlack, but the Slack token lacks the '{AdminRolesWriteScope}' scope (it has: {string.Join(",", scopes.Order(StringComparer.Ordinal))}). Add '{AdminRolesWriteScope}' to the Slack app's user token scopes and reinstall the app org-wide, or set Sync:OnOigRevocation to Report; nothing was written.");
        }
    }

    /// <summary>The managed entitlement (null if it does not exist yet), its values and its grants; values and grants in parallel.</summary>
    private async Task<(FoundEntitlement? Entitlement, IReadOnlyDictionary<string, CurrentValue> Values, IReadOnlyList<CurrentGrant> Grants)> ReadOigAsync(string appId, CancellationToken cancellationToken)
    {
        var entitlement = await governance.FindEntitlementAsync(appId, settings.Sync.EntitlementExternalValue, cancellationToken);
        if (entitlement is null)
        {
            return (null, new Dictionary<string, CurrentValue>(), []);
        }

        var values = governance.ListValuesAsync(entitlement.Id, appId, cancellationToken);
        var grants = ReadGrantsAsync(appId, entitlement.Id, cancellationToken);
        await Task.WhenAll(values, grants);
        var byRole = new Dictionary<string, CurrentValue>(StringComparer.Ordinal);
        foreach (var v in await values)
        {
            byRole.TryAdd(v.ExternalValue, new CurrentValue(v.Id, v.ExternalValue, v.Name ?? v.ExternalValue, v.Orn));
        }

        return (new FoundEntitlement(entitlement.Id, entitlement.Name ?? entitlement.ExternalValue), byRole, await grants);
    }

    private async Task<T> InPhaseAsync<T>(string name, string unit, Func<ProgressPhase, Task<T>> work)
    {
        using var phase = progress.Start(name, unit);
        return await work(phase);
    }
}
