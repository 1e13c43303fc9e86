using SlackOigSync.Slack;

namespace SlackOigSync.Sync;

/// <summary>
/// The second look before taking access away: re-reads Slack's assignments for the roles a plan revokes (every
/// page, role_ids filter) and keeps only the revocations this read also shows gone. A listing that came back short
/// the first time (a dropped page, a cursor that ended early) then holds the revocations instead of applying them.
/// </summary>
public sealed class RevocationConfirmer(SlackClient slack)
{
    /// <param name="leftOut">Slack users this run positively found deleted, or bots: their listed roles protect nothing.</param>
    public async Task<(SyncPlan Plan, IReadOnlyList<HeldRevocation> Held)> ConfirmAsync(
        SyncPlan plan, IdentityMap identities, IReadOnlySet<string> leftOut, CancellationToken cancellationToken)
    {
        if (plan.Revocations.Count == 0 || plan.RevocationsBlocked is not null)
        {
            return (plan, []);
        }

        var roles = plan.Revocations.SelectMany(r => r.Values.Select(v => v.RoleId)).ToHashSet(StringComparer.Ordinal);
        var holders = roles.ToDictionary(r => r, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        await foreach (var a in slack.StreamRoleAssignmentsAsync([.. roles.Order(StringComparer.Ordinal)], cancellationToken))
        {
            if (holders.TryGetValue(a.RoleId, out var users) && !leftOut.Contains(a.UserId))
            {
                users.Add(a.UserId);
            }
        }

        var known = identities.KnownOktaUsers;
        var held = new List<HeldRevocation>();
        var confirmed = new List<RevocationToMake>();
        foreach (var revocation in plan.Revocations)
        {
            var keep = new List<RevokedValue>();
            foreach (var value in revocation.Values)
            {
                // Slack still lists the role for a Slack user who is this Okta user, or for one nobody can place when
                // this Okta user's Slack identity is unknown too: the two reads disagree, so nothing is revoked.
                var stillThere = holders[value.RoleId]
                    .Where(u => identities.OktaUserOf(u) is { } okta ? okta == revocation.OktaUserId : !known.Contains(revocation.OktaUserId))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (stillThere.Count == 0)
                {
                    keep.Add(value);
                }
                else
                {
                    held.Add(new HeldRevocation(revocation.OktaUserId, value.RoleId, stillThere,
                        $"Slack's confirming read still lists {value.RoleId} for {string.Join(", ", stillThere.Take(3))}{(stillThere.Count > 3 ? $" and {stillThere.Count - 3} more" : string.Empty)}"));
                }
            }

            if (keep.Count > 0)
            {
                confirmed.Add(revocation with { Values = keep });
            }
        }

        return (plan with { Revocations = confirmed }, held);
    }
}
