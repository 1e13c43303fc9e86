using Microsoft.Extensions.Logging;
using SlackOigSync.Okta;

namespace SlackOigSync.Sync;

/// <summary>
/// What the sync needs from the Slack app's Okta users, and nothing more: Slack id (externalId) → Okta user id,
/// and who is assigned at all. Built while the pages stream in, so the listing is never held whole.
/// </summary>
public sealed class AppUserIndex
{
    private AppUserIndex(Dictionary<string, string> byExternalId, HashSet<string> assigned)
    {
        ByExternalId = byExternalId;
        Assigned = assigned;
    }

    public IReadOnlyDictionary<string, string> ByExternalId { get; }

    public IReadOnlySet<string> Assigned { get; }

    public static async Task<AppUserIndex> ReadAsync(IAsyncEnumerable<OktaAppUser> appUsers, ILogger logger)
    {
        var byExternalId = new Dictionary<string, string>(StringComparer.Ordinal);
        var assigned = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var appUser in appUsers)
        {
            assigned.Add(appUser.Id);
            if (string.IsNullOrEmpty(appUser.ExternalId))
            {
                continue;
            }

            if (!byExternalId.TryAdd(appUser.ExternalId, appUser.Id) && byExternalId[appUser.ExternalId] != appUser.Id)
            {
                logger.LogWarning("Two Okta users ({First}, {Second}) carry Slack id {SlackUserId} on the Slack app; using the first", byExternalId[appUser.ExternalId], appUser.Id, appUser.ExternalId);
            }
        }

        return new AppUserIndex(byExternalId, assigned);
    }
}
