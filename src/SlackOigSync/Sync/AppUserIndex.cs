using SlackOigSync.Okta;

namespace SlackOigSync.Sync;

/// <summary>
/// What the sync needs from the Slack app's Okta users, and nothing more: Slack id (externalId) → Okta user id,
/// the Slack ids several Okta users claim (a conflict: none of them is trusted), and who is assigned at all. Built
/// while the pages stream in, so the listing is never held whole.
/// </summary>
public sealed class AppUserIndex
{
    private AppUserIndex(Dictionary<string, string> byExternalId, Dictionary<string, List<string>> conflicts, HashSet<string> assigned)
    {
        ByExternalId = byExternalId;
        Conflicts = conflicts.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal);
        Assigned = assigned;
    }

    /// <summary>Slack ids claimed by exactly one Okta app user.</summary>
    public IReadOnlyDictionary<string, string> ByExternalId { get; }

    /// <summary>Slack ids claimed by two or more Okta app users, with every claimant (in listing order).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Conflicts { get; }

    public IReadOnlySet<string> Assigned { get; }

    public static async Task<AppUserIndex> ReadAsync(IAsyncEnumerable<OktaAppUser> appUsers)
    {
        var byExternalId = new Dictionary<string, string>(StringComparer.Ordinal);
        var conflicts = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var assigned = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var appUser in appUsers)
        {
            assigned.Add(appUser.Id);
            if (string.IsNullOrEmpty(appUser.ExternalId))
            {
                continue;
            }

            if (conflicts.TryGetValue(appUser.ExternalId, out var claimants))
            {
                if (!claimants.Contains(appUser.Id))
                {
                    claimants.Add(appUser.Id);
                }
            }
            else if (!byExternalId.TryAdd(appUser.ExternalId, appUser.Id) && byExternalId[appUser.ExternalId] != appUser.Id)
            {
                // Listing order is not a reason to prefer one claimant: a bad import would then move the holder's grants.
                conflicts[appUser.ExternalId] = [byExternalId[appUser.ExternalId], appUser.Id];
                byExternalId.Remove(appUser.ExternalId);
            }
        }

        return new AppUserIndex(byExternalId, conflicts, assigned);
    }
}
