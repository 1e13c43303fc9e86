using SlackOigSync.Configuration;
using SlackOigSync.Storage;

namespace SlackOigSync.Sync;

/// <summary>
/// Compares Slack's truth with OIG's state and says what to change. Pure: no I/O, no clock. Additions are
/// skipped when the user already holds the value through any grant; revocations touch only values held through
/// ENTITLEMENT grants, never a value some other grant also gives, and never one whose Slack holder is unresolved
/// today (absence of evidence is not evidence of removal). A grant that is not active still holds its values (they
/// are not granted again) but is never the sync's to revoke; each user × role it decides is reported.
/// </summary>
public static class SyncPlanner
{
    public static SyncPlan Plan(PlanInput input)
    {
        var valuesByRole = input.Values.GroupBy(v => v.RoleId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var roleByValue = input.Values.ToDictionary(v => v.ValueId, v => v.RoleId, StringComparer.Ordinal);

        var valuesToCreate = input.SlackRoleIds
            .Where(r => !valuesByRole.ContainsKey(r))
            .Order(StringComparer.Ordinal)
            .Select(r => new ValueToCreate(r, input.RoleNames.GetValueOrDefault(r) ?? r))
            .ToList();

        // Only catalogue names rename values: a fallback name never overwrites a name someone chose in OIG.
        var valuesToRename = input.Values
            .Where(v => input.RoleNames.TryGetValue(v.RoleId, out var name) && name != v.Name)
            .OrderBy(v => v.RoleId, StringComparer.Ordinal)
            .Select(v => new ValueToRename(v.ValueId, v.RoleId, v.Name, input.RoleNames[v.RoleId]))
            .ToList();

        // What each user holds now, and through which kind of grant.
        var heldAny = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var heldManaged = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var heldUnmanaged = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var heldActive = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var heldActiveUnmanaged = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var heldInactive = new Dictionary<(string User, string Role), CurrentGrant>();
        var principalOrns = new Dictionary<string, string>(StringComparer.Ordinal);

        // The usual case: every grant is an active entitlement grant, so what is held at all, held actively and held
        // through managed grants are the same sets; they are built once and shared, not three times (memory at 50,000).
        var allManaged = input.Grants.All(g => g.IsManaged);
        foreach (var grant in input.Grants)
        {
            if (grant.PrincipalOrn is not null)
            {
                principalOrns.TryAdd(grant.OktaUserId, grant.PrincipalOrn);
            }

            foreach (var role in grant.ValueIds.Where(roleByValue.ContainsKey).Select(v => roleByValue[v]))
            {
                Set(heldAny, grant.OktaUserId).Add(role);
                if (allManaged)
                {
                    continue;
                }

                if (grant.IsActive)
                {
                    Set(heldActive, grant.OktaUserId).Add(role);
                }
                else
                {
                    heldInactive.TryAdd((grant.OktaUserId, role), grant);
                }

                if (grant.IsManaged)
                {
                    Set(heldManaged, grant.OktaUserId).Add(role);
                }
                else
                {
                    if (grant.IsActive)
                    {
                        Set(heldActiveUnmanaged, grant.OktaUserId).Add(role);
                    }

                    (heldUnmanaged.TryGetValue(grant.OktaUserId, out var d) ? d : heldUnmanaged[grant.OktaUserId] = new(StringComparer.Ordinal))
                        .TryAdd(role, grant.IsActive ? $"{grant.GrantType} grant {grant.GrantId}" : $"{grant.GrantType} grant {grant.GrantId} ({grant.StatusText ?? "?"} in OIG, not active)");
                }
            }
        }

        if (allManaged)
        {
            (heldActive, heldManaged) = (heldAny, heldAny);
        }

        var desiredByUser = new Dictionary<string, (DesiredUser User, HashSet<string> Roles)>(StringComparer.Ordinal);
        foreach (var user in input.Desired)
        {
            if (desiredByUser.TryGetValue(user.OktaUserId, out var existing))
            {
                // Two Slack accounts mapped to one Okta user: the union of their roles is what they hold.
                existing.Roles.UnionWith(user.RoleIds);
            }
            else
            {
                desiredByUser[user.OktaUserId] = (user, new HashSet<string>(user.RoleIds, StringComparer.Ordinal));
            }
        }

        var (oigRevocations, stillListedOpen) = RevokedInOig(input, desiredByUser, heldAny, valuesByRole);
        var notRegranted = input.OnOigRevocation == OigRevocationMode.Regrant
            ? new HashSet<(string, string)>()
            : oigRevocations.Select(o => (o.OktaUserId, o.RoleId)).ToHashSet();
        var grantsToAdd = desiredByUser.Values
            .Select(d => new GrantToAdd(
                d.User.OktaUserId, d.User.SlackUserId, d.User.Email,
                d.Roles.Where(r => !(heldAny.TryGetValue(d.User.OktaUserId, out var held) && held.Contains(r)) && !notRegranted.Contains((d.User.OktaUserId, r)))
                    .Order(StringComparer.Ordinal).ToList()))
            .Where(g => g.RoleIds.Count > 0)
            .OrderBy(g => g.OktaUserId, StringComparer.Ordinal)
            .ToList();

        var protectedPairs = new Dictionary<(string User, string Role), ProtectedGrant>();
        foreach (var p in input.Protected)
        {
            protectedPairs.TryAdd((p.OktaUserId, p.RoleId), p);
        }

        var revocations = new List<RevocationToMake>();
        var leftAlone = new List<LeftAlone>();
        var kept = new List<KeptGrant>();
        foreach (var (userId, managed) in heldManaged.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var wanted = desiredByUser.TryGetValue(userId, out var d) ? d.Roles : [];
            var values = new List<RevokedValue>();
            foreach (var role in managed.Where(r => !wanted.Contains(r)).Order(StringComparer.Ordinal))
            {
                if (heldUnmanaged.TryGetValue(userId, out var others) && others.TryGetValue(role, out var reason))
                {
                    leftAlone.Add(new LeftAlone(userId, role, $"also given by {reason}"));
                    continue;
                }

                if (protectedPairs.TryGetValue((userId, role), out var protection))
                {
                    kept.Add(new KeptGrant(userId, role, protection.SlackUserId, protection.Email, protection.Reason));
                    continue;
                }

                if (!input.KnownOktaUsers.Contains(userId) && input.UnattributedRoles.TryGetValue(role, out var why))
                {
                    kept.Add(new KeptGrant(userId, role, null, null, why));
                    continue;
                }

                var value = valuesByRole[role];
                values.Add(new RevokedValue(role, value.ValueId, value.Orn));
            }

            if (values.Count > 0)
            {
                revocations.Add(new RevocationToMake(userId, principalOrns.GetValueOrDefault(userId), values));
            }
        }

        foreach (var (userId, roles) in heldUnmanaged.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var wanted = desiredByUser.TryGetValue(userId, out var d) ? d.Roles : [];
            foreach (var (role, reason) in roles.Where(kv => !wanted.Contains(kv.Key) && !(heldManaged.TryGetValue(userId, out var m) && m.Contains(kv.Key))))
            {
                leftAlone.Add(new LeftAlone(userId, role, $"given by {reason}, which the sync does not own"));
            }
        }

        // Pairs a grant that is not active decided: a role Slack lists that no active grant gives is not granted again;
        // a role Slack does not list is not revoked (unless an active grant the sync does not own already explains why).
        var inactive = new List<InactiveGrantHold>();
        foreach (var ((userId, role), grant) in heldInactive.OrderBy(kv => kv.Key.User, StringComparer.Ordinal).ThenBy(kv => kv.Key.Role, StringComparer.Ordinal))
        {
            var holder = desiredByUser.TryGetValue(userId, out var d) ? d : default;
            var listed = holder.Roles?.Contains(role) == true;
            if (listed && !Has(heldActive, userId, role))
            {
                inactive.Add(new InactiveGrantHold(userId, role, holder.User.SlackUserId, holder.User.Email, grant.GrantId, grant.GrantType, grant.StatusText, SlackListsRole: true));
            }
            else if (!listed && !Has(heldActiveUnmanaged, userId, role))
            {
                inactive.Add(new InactiveGrantHold(userId, role, null, null, grant.GrantId, grant.GrantType, grant.StatusText, SlackListsRole: false));
            }
        }

        // A moved link takes the holder's roles from the old Okta user: the guard weighs each such pair as a
        // revocation, whether or not the old user's grant is revoked for another reason already.
        // Removing a role in Slack takes access away too: the guard weighs it like a revocation in OIG.
        var slackRemovals = input.OnOigRevocation == OigRevocationMode.RemoveFromSlack
            ? oigRevocations.Select(o => new SlackRoleRemoval(o.OktaUserId, o.RoleId, o.Email, [.. o.SlackUserIds.Select(u => new SlackHolding(u, []))])).ToList()
            : [];
        var guarded = revocations.SelectMany(r => r.Values.Select(v => (r.OktaUserId, v.RoleId))).ToHashSet();
        guarded.UnionWith(input.MovedLinks.SelectMany(m => m.RoleIds.Select(role => (m.FromOktaUserId, role))));
        guarded.UnionWith(slackRemovals.Select(r => (r.OktaUserId, r.RoleId)));

        // Recorded OIG revocations that are no longer a difference: OIG holds the role again, or Slack no longer lists it
        // (for a holder whose identity is known today: an unresolved holder's silence proves nothing).
        var closed = new List<ClosedOigRevocation>();
        foreach (var (userId, role) in input.OpenOigRevocations.Order())
        {
            if (Has(heldAny, userId, role))
            {
                closed.Add(new ClosedOigRevocation(userId, role, OigRevocationResolution.GrantedAgainInOig));
            }
            else if (!stillListedOpen.Contains((userId, role))
                     && !protectedPairs.ContainsKey((userId, role))
                     && !(!input.KnownOktaUsers.Contains(userId) && input.UnattributedRoles.ContainsKey(role)))
            {
                closed.Add(new ClosedOigRevocation(userId, role, OigRevocationResolution.SlackNoLongerLists));
            }
        }
        var managedCount = heldManaged.Values.Sum(roles => roles.Count);
        return new SyncPlan(valuesToCreate, valuesToRename, grantsToAdd, revocations, leftAlone)
        {
            Kept = kept,
            HeldByInactiveGrants = inactive,
            OigRevocations = oigRevocations,
            OigRevocationsClosed = closed,
            SlackRemovals = slackRemovals,
            ManagedAssignments = managedCount,
            GuardedRevocations = guarded.Count,
            // A pair revoked in OIG was managed until then: it stays in the share's denominator when it is to be removed in Slack.
            RevocationsBlocked = input.Guard.Check(guarded.Count, managedCount + slackRemovals.Count, input.SlackRoleIds.Count == 0),
        };
    }

    /// <summary>
    /// Roles Slack lists for a resolved user that no grant in OIG gives although the sync knew it held (or an earlier run
    /// recorded it revoked): someone revoked it in OIG. A role whose value is gone from OIG altogether is not one of
    /// them (the value is created again, as for a new role). Also returns the recorded pairs Slack still lists.
    /// </summary>
    private static (List<OigRevocation> Found, HashSet<(string, string)> StillListed) RevokedInOig(
        PlanInput input, Dictionary<string, (DesiredUser User, HashSet<string> Roles)> desiredByUser,
        Dictionary<string, HashSet<string>> heldAny, Dictionary<string, CurrentValue> valuesByRole)
    {
        var found = new List<OigRevocation>();
        var stillListed = new HashSet<(string, string)>();
        if (input.RememberedHeld.Count == 0 && input.OpenOigRevocations.Count == 0)
        {
            return (found, stillListed);
        }

        ILookup<string, DesiredUser>? accounts = null; // built only once a revocation is found: most runs find none
        foreach (var (userId, (user, roles)) in desiredByUser.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            foreach (var role in roles.Order(StringComparer.Ordinal))
            {
                var recorded = input.OpenOigRevocations.Contains((userId, role));
                if (recorded)
                {
                    stillListed.Add((userId, role));
                }

                if (Has(heldAny, userId, role) || !valuesByRole.ContainsKey(role) || !(recorded || input.RememberedHeld.Contains((userId, role))))
                {
                    continue;
                }

                accounts ??= input.Desired.ToLookup(d => d.OktaUserId, StringComparer.Ordinal);
                var slackUsers = accounts[userId].Where(d => d.RoleIds.Contains(role)).Select(d => d.SlackUserId)
                    .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                found.Add(new OigRevocation(userId, role, slackUsers, user.Email, recorded));
            }
        }

        return (found, stillListed);
    }

    private static bool Has(Dictionary<string, HashSet<string>> map, string key, string role) => map.TryGetValue(key, out var set) && set.Contains(role);

    private static HashSet<string> Set(Dictionary<string, HashSet<string>> map, string key) =>
        map.TryGetValue(key, out var set) ? set : map[key] = new HashSet<string>(StringComparer.Ordinal);
}
