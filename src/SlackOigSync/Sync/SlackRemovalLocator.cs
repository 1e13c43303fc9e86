using Microsoft.Extensions.Logging;
using SlackOigSync.Governance;
using SlackOigSync.Slack;

namespace SlackOigSync.Sync;

/// <summary>
/// The second look before removing a role in Slack, both ways. OIG must show the role gone in two independent views
/// (the user's grants, and OIG's summary of what the user holds, listPrincipalEntitlements): a grant listing that left
/// one grant out is absence of evidence, never a reason to take access away in Slack. Slack's assignments are re-read
/// for the roles involved (every page, role_ids filter), which also says on which entities each account holds the
/// role. Only pairs every read confirms are removed, on exactly the entities Slack lists.
/// </summary>
public sealed class SlackRemovalLocator(SlackClient slack, GovernanceClient governance, ILogger<SlackRemovalLocator> logger)
{
    public async Task<(IReadOnlyList<SlackRoleRemoval> Confirmed, IReadOnlyList<HeldRevocation> Contradicted)> LocateAsync(
        IReadOnlyList<SlackRoleRemoval> removals, RunContext run, IReadOnlyDictionary<string, CurrentValue> values, CancellationToken cancellationToken)
    {
        if (removals.Count == 0)
        {
            return ([], []);
        }

        var stillRevoked = new List<SlackRoleRemoval>();
        var contradicted = new List<HeldRevocation>();
        foreach (var user in removals.GroupBy(r => r.OktaUserId, StringComparer.Ordinal))
        {
            var held = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var grant in governance.StreamGrantsAsync(run.AppId, run.EntitlementId!, user.Key, cancellationToken))
            {
                held.UnionWith((grant.Entitlements ?? []).Where(e => e.Id == run.EntitlementId).SelectMany(e => e.Values ?? []).Select(v => v.Id));
            }

            var effective = await governance.PrincipalValueIdsAsync(run.AppId, run.EntitlementId!, user.Key, cancellationToken);
            foreach (var removal in user)
            {
                var valueId = values.TryGetValue(removal.RoleId, out var value) ? value.ValueId : null;
                if (valueId is null || held.Contains(valueId))
                {
                    continue; // granted again since the first read: nothing to remove
                }

                if (effective.Contains(valueId))
                {
                    contradicted.Add(new HeldRevocation(removal.OktaUserId, removal.RoleId, [.. removal.Holdings.Select(h => h.SlackUserId)],
                        "OIG's summary of the user's access (principal-entitlements) still shows the role although its grant listing does not; nothing was removed in Slack"));
                    continue;
                }

                stillRevoked.Add(removal);
            }
        }

        foreach (var c in contradicted)
        {
            logger.LogWarning("Okta user {OktaUserId}, role {RoleId}: {Reason}", c.OktaUserId, c.RoleId, c.Reason);
        }

        var roles = stillRevoked.Select(r => r.RoleId).ToHashSet(StringComparer.Ordinal);
        var accounts = stillRevoked.SelectMany(r => r.Holdings.Select(h => h.SlackUserId)).ToHashSet(StringComparer.Ordinal);
        var entities = await EntitiesAsync(roles, accounts, cancellationToken);
        IReadOnlyList<SlackRoleRemoval> confirmed =
        [
            .. stillRevoked
                .Select(r => r with
                {
                    Holdings = [.. r.Holdings.Where(h => entities.ContainsKey((h.SlackUserId, r.RoleId))).Select(h => h with { EntityIds = [.. entities[(h.SlackUserId, r.RoleId)]] })],
                })
                .Where(r => r.Holdings.Count > 0),
        ];
        return (confirmed, contradicted);
    }

    /// <summary>Where each of these accounts holds each of these roles, as Slack lists it now (every page).</summary>
    public async Task<Dictionary<(string User, string Role), SortedSet<string>>> EntitiesAsync(
        IReadOnlySet<string> roles, IReadOnlySet<string> accounts, CancellationToken cancellationToken)
    {
        var entities = new Dictionary<(string User, string Role), SortedSet<string>>();
        if (roles.Count == 0)
        {
            return entities;
        }

        await foreach (var a in slack.StreamRoleAssignmentsAsync([.. roles.Order(StringComparer.Ordinal)], cancellationToken))
        {
            if (roles.Contains(a.RoleId) && accounts.Contains(a.UserId) && !string.IsNullOrEmpty(a.EntityId))
            {
                (entities.TryGetValue((a.UserId, a.RoleId), out var set) ? set : entities[(a.UserId, a.RoleId)] = new SortedSet<string>(StringComparer.Ordinal)).Add(a.EntityId);
            }
        }

        return entities;
    }
}
