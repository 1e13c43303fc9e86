namespace SlackOigSync.Sandbox.State;

/// <summary>
/// What OIG should hold according to the sandbox's own Slack and Okta data, computed independently of the
/// sync's code, and what it does hold: the yardstick of the crash and soak tests and of the benchmark.
/// </summary>
public static class SyncTruth
{
    public const string ManagedExternalValue = "slack_system_role";

    /// <summary>(Okta user id, Slack role id) pairs Slack backs. Call with the state's lock held.</summary>
    public static HashSet<(string User, string Role)> Desired(SandboxState state) => Desired(state, null);

    /// <summary>
    /// (Okta user id, Slack role id) pairs Slack backs, with a memory of links: a holder who resolves updates
    /// <paramref name="remembered"/>; a holder who cannot be resolved (not in Okta, no email, claimed by several Okta
    /// users) keeps their roles on the remembered Okta user. Deleted users and bots back nothing. Call with the lock held.
    /// </summary>
    public static HashSet<(string User, string Role)> Desired(SandboxState state, Dictionary<string, string>? remembered)
    {
        var claimants = state.AppUsers[state.SlackAppId].All.Where(u => u.ExternalId is not null)
            .GroupBy(u => u.ExternalId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(u => u.UserId).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var desired = new HashSet<(string, string)>();
        foreach (var a in state.Assignments.All)
        {
            var slackUser = state.SlackUsers.Find(a.UserId);
            string? oktaId = null;
            if (claimants.TryGetValue(a.UserId, out var byExternalId) && byExternalId.Count == 1)
            {
                oktaId = byExternalId[0];
            }
            else if (slackUser is { Deleted: true } or { IsBot: true })
            {
                continue;
            }
            else if (byExternalId is null && slackUser is { Email: { } email })
            {
                var matches = state.OktaUsers.All.Where(u => u.Status != "DEPROVISIONED" && string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase)).ToList();
                oktaId = matches.Count == 1 ? matches[0].Id : null;
            }

            if (oktaId is not null)
            {
                desired.Add((oktaId, a.RoleId));
                if (remembered is not null)
                {
                    remembered[a.UserId] = oktaId;
                }
            }
            else if (remembered is not null && remembered.TryGetValue(a.UserId, out var last))
            {
                desired.Add((last, a.RoleId));
            }
        }

        return desired;
    }

    /// <summary>(Okta user id, role id) pairs held through active ENTITLEMENT grants of the managed entitlement.</summary>
    public static HashSet<(string User, string Role)> Held(SandboxState state) => [.. HeldWithDuplicates(state)];

    /// <summary>Each (user, value) held by more than one active ENTITLEMENT grant: a duplicate the sync made.</summary>
    public static int Duplicates(SandboxState state) => HeldWithDuplicates(state).GroupBy(x => x).Count(g => g.Count() > 1);

    public static int Difference(SandboxState state) => Difference(state, null);

    /// <summary>Differences between what OIG holds and <see cref="Desired(SandboxState, Dictionary{string, string})"/> with memory.</summary>
    public static int Difference(SandboxState state, Dictionary<string, string>? remembered)
    {
        var desired = Desired(state, remembered);
        var held = Held(state);
        return desired.Except(held).Count() + held.Except(desired).Count();
    }

    public static string? RoleOfValue(SandboxState state, string valueId) =>
        state.Entitlements.All.FirstOrDefault(e => e.ExternalValue == ManagedExternalValue)?.Values.Find(v => v.Id == valueId)?.ExternalValue;

    private static List<(string, string)> HeldWithDuplicates(SandboxState state)
    {
        var entitlement = state.Entitlements.All.FirstOrDefault(e => e.ExternalValue == ManagedExternalValue && e.AppId == state.SlackAppId);
        if (entitlement is null)
        {
            return [];
        }

        var roles = entitlement.Values.ToDictionary(v => v.Id, v => v.ExternalValue);
        return [.. state.Grants.All
            .Where(g => g.Status == "ACTIVE" && g.GrantType == "ENTITLEMENT" && g.Entitlements.ContainsKey(entitlement.Id))
            .SelectMany(g => g.Entitlements[entitlement.Id].Select(v => (g.PrincipalUserId, roles[v])))];
    }
}
