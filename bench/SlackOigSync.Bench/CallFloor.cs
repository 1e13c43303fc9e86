using SlackOigSync.Sandbox.Seed;
using SlackOigSync.Sandbox.State;

namespace SlackOigSync.Bench;

/// <summary>
/// The fewest API calls a sync of this state can make: every page it must read at each API's largest page size,
/// the look-ups for Slack users not linked through the Okta app's externalId (one users.info and one Okta search each,
/// or a bulk listing of both orgs' users, whichever is fewer),
/// and the writes it must make (one PATCH for missing values, one grant call per user gaining roles, one revoke
/// call per five values per user). Also the seed guide's per-assignment algorithm for the same data.
/// </summary>
/// <param name="SequentialChain">The longest chain of calls that must follow one another before writing: the longest list, then the look-ups.</param>
/// <param name="WriteChain">The writes at the default concurrency (4).</param>
public sealed record CallFloor(int Minimum, int Pages, int Lookups, int Writes, int SeedGuideCalls, int SequentialChain, int WriteChain, int Unlinked)
{
    /// <summary>users.info calls beyond one per unlinked user: look-ups spent on users the app's externalId already links.</summary>
    public long ProvisionedLookups(IReadOnlyDictionary<string, long> calls) => Math.Max(0, calls.GetValueOrDefault("slack:users.info") - Unlinked);

    public static CallFloor Of(SandboxSeed seed)
    {
        var state = SeedLoader.Load(seed, 1, TimeProvider.System);
        lock (state.Gate)
        {
            var appUsers = state.AppUsers[state.SlackAppId];
            var linked = appUsers.All.Where(u => u.ExternalId is not null).Select(u => u.ExternalId!).ToHashSet(StringComparer.Ordinal);
            var holders = state.Assignments.All.Select(a => a.UserId).Distinct(StringComparer.Ordinal).ToList();
            var unlinked = holders.Where(h => !linked.Contains(h)).Select(h => state.SlackUsers.Find(h)!).ToList();
            var perUser = unlinked.Count + unlinked.Count(u => u is { Deleted: false, IsBot: false, Email: not null });
            // admin.users.list lists active users only, 999 a page (Slack's largest); a deactivated holder is then asked about alone.
            var slackUserPages = Ceiling(state.SlackUsers.All.Count(u => !u.Deleted), 999);
            var oktaUserPages = Ceiling(state.OktaUsers.All.Count(u => u.Status != "DEPROVISIONED"), 200);
            var bulk = slackUserPages + oktaUserPages + unlinked.Count(u => u.Deleted);
            var lookups = unlinked.Count == 0 ? 0 : Math.Min(perUser, bulk);

            // Pages of one list follow each other (each holds the next cursor); different lists and per-user calls run side by side.
            var lookupChain = unlinked.Count == 0 ? 0 : bulk < perUser ? Math.Max(slackUserPages, oktaUserPages) : Ceiling(perUser, 4);

            var entitlement = state.Entitlements.All.FirstOrDefault(e => e.AppId == state.SlackAppId && e.ExternalValue == SyncTruth.ManagedExternalValue);
            var grants = entitlement is null ? 0 : state.Grants.All.Count(g => g.Status == "ACTIVE" && g.Entitlements.ContainsKey(entitlement.Id));
            var slackPages = Math.Max(1, Ceiling(state.Assignments.Count, 200));
            var appUserPages = Math.Max(1, Ceiling(appUsers.Count, 500));
            var oigPages = 1 + (entitlement is null ? 0 : Math.Max(1, Ceiling(entitlement.Values.Count, 200)) + Math.Max(1, Ceiling(grants, 200)));

            var desired = SyncTruth.Desired(state);
            var held = SyncTruth.Held(state);
            var roles = state.Assignments.All.Select(a => a.RoleId).ToHashSet(StringComparer.Ordinal);
            var valueWrites = entitlement is null || roles.Any(r => entitlement.Values.All(v => v.ExternalValue != r)) ? 1 : 0;
            var toAdd = desired.Except(held).ToList();
            var toRemove = held.Except(desired).ToList();
            var grantCalls = toAdd.Select(p => p.User).Distinct(StringComparer.Ordinal).Count();
            var revokeCalls = toRemove.GroupBy(p => p.User, StringComparer.Ordinal).Sum(g => Ceiling(g.Count(), 5));
            var writes = valueWrites + grantCalls + revokeCalls;

            // Before revoking, Slack is read again for the roles involved (every page of them).
            var revokedRoles = toRemove.Select(p => p.Role).ToHashSet(StringComparer.Ordinal);
            var confirmingPages = revokedRoles.Count == 0 ? 0 : Math.Max(1, Ceiling(state.Assignments.All.Count(a => revokedRoles.Contains(a.RoleId)), 200));
            var pages = slackPages + appUserPages + oigPages + confirmingPages;

            // The seed guide: users.info and an Okta search for every assignment, one grant call per user x role.
            var seedGuide = slackPages + (2 * state.Assignments.Count) + toAdd.Count + toRemove.Count + valueWrites;
            var readChain = Math.Max(slackPages, Math.Max(appUserPages, oigPages));
            return new CallFloor(pages + lookups + writes, pages, lookups, writes, seedGuide, readChain + lookupChain, Ceiling(writes, 4), unlinked.Count);
        }
    }

    private static int Ceiling(int n, int size) => (n + size - 1) / size;
}
