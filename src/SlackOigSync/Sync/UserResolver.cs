using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SlackOigSync.Configuration;
using SlackOigSync.Http;
using SlackOigSync.Okta;
using SlackOigSync.Slack;

namespace SlackOigSync.Sync;

/// <summary>
/// Maps Slack user ids to Okta user ids: first through the paged listing of the Slack app's users (externalId is
/// the Slack id once Okta has provisioned or imported the account), then, for the rest only, email → Okta user.
/// A few unlinked users are looked up one by one (users.info, Okta search), each at most once; many are resolved
/// from bulk listings of Slack's and Okta's users, which costs fewer calls. An API failure propagates: a partial
/// answer would make present users look absent and so revoke their access.
/// </summary>
public sealed class UserResolver(SlackClient slack, OktaClient okta, ILogger<UserResolver> logger)
{
    private sealed record SlackFacts(bool Deleted, bool IsBot, string? Email);

    /// <summary>Both orgs' users, from bulk listings: Slack facts by user id; Okta user id by email (case-insensitive), and the emails several users share.</summary>
    private sealed record Directory(Dictionary<string, SlackFacts> Slack, Dictionary<string, string> OktaByEmail, Dictionary<string, List<string>> SharedEmails)
    {
        public List<string> OktaIds(string email)
        {
            return SharedEmails.TryGetValue(email, out var several) ? several : OktaByEmail.TryGetValue(email, out var id) ? [id] : [];
        }
    }

    /// <param name="appUsers">The Slack app's users in Okta, already read.</param>
    public async Task<UserResolution> ResolveAsync(
        IEnumerable<string> slackUserIds, AppUserIndex appUsers, int concurrency, BulkLookupMode bulkMode, CancellationToken cancellationToken)
    {
        var result = new Collector(appUsers.Assigned);
        var rest = new List<string>();
        foreach (var id in slackUserIds.Distinct(StringComparer.Ordinal))
        {
            if (appUsers.ByExternalId.TryGetValue(id, out var oktaId))
            {
                result.Resolved[id] = new ResolvedUser(id, oktaId, null, "app user externalId");
            }
            else
            {
                rest.Add(id);
            }
        }

        var bulk = rest.Count > 0 && UseBulk(bulkMode, rest.Count, appUsers.Assigned.Count) ? await ListInBulkAsync(rest, cancellationToken) : null;
        await Parallel.ForEachAsync(
            rest,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (slackUserId, ct) =>
            {
                // In bulk mode a user missing from the org listing (a guest, say) is still asked about individually.
                var facts = bulk?.Slack.GetValueOrDefault(slackUserId) ?? await SlackFactsAsync(slackUserId, ct);
                if (facts is null)
                {
                    result.NotInOkta.Add(new UnresolvedUser(slackUserId, null, "Slack says user_not_found"));
                }
                else if (facts.Deleted)
                {
                    result.Deleted.Add(slackUserId);
                }
                else if (facts.IsBot)
                {
                    result.Bots.Add(slackUserId);
                }
                else if (string.IsNullOrWhiteSpace(facts.Email))
                {
                    result.NotInOkta.Add(new UnresolvedUser(slackUserId, null, "no email in Slack (or the token lacks users:read.email)"));
                }
                else
                {
                    var matches = bulk is not null
                        ? bulk.OktaIds(facts.Email)
                        : (await okta.FindUsersByEmailAsync(facts.Email, ct)).Where(u => u.Status != "DEPROVISIONED").Select(u => u.Id).ToList();
                    result.Match(slackUserId, facts.Email, matches);
                }
            });

        return result.ToResolution(rest.Count);
    }

    private async Task<SlackFacts?> SlackFactsAsync(string slackUserId, CancellationToken cancellationToken)
    {
        var user = await slack.GetUserAsync(slackUserId, cancellationToken);
        return user is null ? null : new SlackFacts(user.Deleted, user.IsBot, user.Profile?.Email);
    }

    /// <summary>
    /// Bulk pays when one users.info and one Okta search per unlinked user cost more calls than listing both orgs
    /// (estimated from the app's user count: orgs are usually about as large as the Slack app's assignment).
    /// </summary>
    public static bool UseBulk(BulkLookupMode mode, int unlinked, int appUsers) => mode switch
    {
        BulkLookupMode.Always => true,
        BulkLookupMode.Never => false,
        _ => 2 * unlinked > ((appUsers + 999) / 1000) + ((appUsers + 199) / 200) + 1,
    };

    /// <summary>
    /// Both orgs' users, listed in parallel and kept only as far as needed (Slack facts for the unlinked users; Okta
    /// ids by email). When the Slack token may not list users the Slack side is empty, so each user is asked about alone.
    /// </summary>
    private async Task<Directory> ListInBulkAsync(List<string> unlinked, CancellationToken cancellationToken)
    {
        logger.LogInformation("{Unlinked} role holders are not linked through the Okta app's externalId: listing Slack and Okta users in bulk", unlinked.Count);
        var wanted = unlinked.ToHashSet(StringComparer.Ordinal);
        var slackRead = Task.Run(async () =>
        {
            var facts = new Dictionary<string, SlackFacts>(StringComparer.Ordinal);
            await foreach (var u in slack.StreamAdminUsersAsync(cancellationToken))
            {
                if (wanted.Contains(u.Id))
                {
                    facts[u.Id] = new SlackFacts(!u.IsActive, u.IsBot, string.IsNullOrEmpty(u.Email) ? null : u.Email);
                }
            }

            return facts;
        }, cancellationToken);
        var oktaRead = Task.Run(async () =>
        {
            // One id per email; the rare email several users share keeps all of them, so the match can say so.
            var byEmail = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var shared = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            await foreach (var u in okta.StreamUsersAsync(cancellationToken))
            {
                if (u.Status == "DEPROVISIONED" || string.IsNullOrEmpty(u.Profile?.Email))
                {
                    continue;
                }

                var key = u.Profile.Email;
                if (!byEmail.TryAdd(key, u.Id))
                {
                    (shared.TryGetValue(key, out var ids) ? ids : shared[key] = [byEmail[key]]).Add(u.Id);
                }
            }

            return (byEmail, shared);
        }, cancellationToken);

        try
        {
            await Task.WhenAll(slackRead, oktaRead);
        }
        catch (ApiException e) when (e.Code == "missing_scope" && slackRead.IsFaulted)
        {
            // The Okta listing is still good: only the Slack side falls back to users.info, user by user.
            logger.LogWarning("admin.users.list is not allowed for this token ({Error}); asking Slack about users one by one instead. Add admin.users:read to list them in bulk", e.Message);
        }

        var (byEmail, sharedEmails) = await oktaRead;
        return new Directory(slackRead.IsCompletedSuccessfully ? slackRead.Result : [], byEmail, sharedEmails);
    }

    /// <summary>Thread-safe accumulation of the outcome for parallel look-ups.</summary>
    private sealed class Collector(IReadOnlySet<string> assignedToApp)
    {
        public ConcurrentDictionary<string, ResolvedUser> Resolved { get; } = new(StringComparer.Ordinal);
        public ConcurrentBag<UnresolvedUser> NotInOkta { get; } = [];
        public ConcurrentBag<string> Deleted { get; } = [];
        public ConcurrentBag<string> Bots { get; } = [];
        public ConcurrentBag<ResolvedUser> NotAssigned { get; } = [];

        public void Match(string slackUserId, string email, List<string> oktaIds)
        {
            if (oktaIds.Count == 0)
            {
                NotInOkta.Add(new UnresolvedUser(slackUserId, email, "no Okta user with this email"));
            }
            else if (oktaIds.Count > 1)
            {
                NotInOkta.Add(new UnresolvedUser(slackUserId, email, $"{oktaIds.Count} Okta users share this email; link the right one to the Slack app"));
            }
            else
            {
                var found = new ResolvedUser(slackUserId, oktaIds[0], email, "email");
                Resolved[slackUserId] = found;
                if (!assignedToApp.Contains(found.OktaUserId))
                {
                    NotAssigned.Add(found);
                }
            }
        }

        public UserResolution ToResolution(int lookedUp) => new(
            Resolved,
            [.. NotInOkta.OrderBy(u => u.SlackUserId, StringComparer.Ordinal)],
            [.. Deleted.Order(StringComparer.Ordinal)],
            [.. Bots.Order(StringComparer.Ordinal)],
            [.. NotAssigned.OrderBy(u => u.SlackUserId, StringComparer.Ordinal)],
            lookedUp);
    }
}
