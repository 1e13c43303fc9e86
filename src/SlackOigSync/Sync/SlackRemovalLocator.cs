using SlackOigSync.Governance;
using SlackOigSync.Slack;

namespace SlackOigSync.Sync;

/// <summary>
/// The second look before removing a role in Slack, both ways: OIG re-read for each user (a grant that is back means
/// nothing to remove), and Slack's assignments re-read for the roles involved (every page, role_ids filter), which
/// also says on which entities each account holds the role. Only pairs both reads confirm are removed, on exactly
/// the entities Slack lists.
/// </summary>
public sealed class SlackRemovalLocator(SlackClient slack, GovernanceClient governance)
{
    public async Task<IReadOnlyList<SlackRoleRemoval>> LocateAsync(
        IReadOnlyList<SlackRoleRemoval> removals, RunContext run, IReadOnlyDictionary<string, CurrentValue> values, CancellationToken cancellationToken)
    {
        if (removals.Count == 0)
        {
            return [];
        }

        var stillRevoked = new List<SlackRoleRemoval>();
        foreach (var user in removals.GroupBy(r => r.OktaUserId, StringComparer.Ordinal))
        {
            var held = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var grant in governance.StreamGrantsAsync(run.AppId, run.EntitlementId!, user.Key, cancellationToken))
            {
                held.UnionWith((grant.Entitlements ?? []).Where(e => e.Id == run.EntitlementId).SelectMany(e => e.Values ?? []).Select(v => v.Id));
            }

            stillRevoked.AddRange(user.Where(r => !(values.TryGetValue(r.RoleId, out var value) && held.Contains(value.ValueId))));
        }

        var roles = stillRevoked.Select(r => r.RoleId).ToHashSet(StringComparer.Ordinal);
        var accounts = stillRevoked.SelectMany(r => r.Holdings.Select(h => h.SlackUserId)).ToHashSet(StringComparer.Ordinal);
        var entities = new Dictionary<(string User, string Role), SortedSet<string>>();
        if (roles.Count > 0)
        {
            await foreach (var a in slack.StreamRoleAssignmentsAsync([.. roles.Order(StringComparer.Ordinal)], cancellationToken))
            {
                if (roles.Contains(a.RoleId) && accounts.Contains(a.UserId) && !string.IsNullOrEmpty(a.EntityId))
                {
                    (entities.TryGetValue((a.UserId, a.RoleId), out var set) ? set : entities[(a.UserId, a.RoleId)] = new SortedSet<string>(StringComparer.Ordinal)).Add(a.EntityId);
                }
            }
        }

        return
        [
            .. stillRevoked
                .Select(r => r with
                {
                    Holdings = [.. r.Holdings.Where(h => entities.ContainsKey((h.SlackUserId, r.RoleId))).Select(h => h with { EntityIds = [.. entities[(h.SlackUserId, r.RoleId)]] })],
                })
                .Where(r => r.Holdings.Count > 0),
        ];
    }
}
