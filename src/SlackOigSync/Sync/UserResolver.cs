using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SlackOigSync.Configuration;
using SlackOigSync.Http;
using SlackOigSync.Okta;
using SlackOigSync.Progress;
using SlackOigSync.Slack;
using SlackOigSync.Storage;

namespace SlackOigSync.Sync;

/// <summary>
/// Maps Slack user ids to Okta user ids: first through the paged listing of the Slack app's users (externalId is
/// the Slack id once Okta has provisioned or imported the account), then, for the rest only, email → Okta user.
/// A few unlinked users are looked up one by one (users.info, Okta search), each at most once; many are resolved
/// from bulk listings of Slack's and Okta's users, which costs fewer calls. An API failure propagates: a partial
/// answer would make present users look absent and so revoke their access. A Slack id or an email that several
/// Okta users claim is a conflict: none of them is chosen. Only a positive "deleted" from Slack counts as deleted.
/// </summary>
public sealed class UserResolver(SlackClient slack, OktaClient okta, RunProgress progress, ILogger<UserResolver> logger)
{
    public const string EmailScope = "users:read.email";

    /// <summary>What Slack says of a user: deleted and bot are true only when Slack said so.</summary>
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
                result.Resolved[id] = new ResolvedUser(id, oktaId, null, LinkSource.ExternalId);
            }
            else if (appUsers.Conflicts.TryGetValue(id, out var claimants))
            {
                result.Unresolved.Add(new UnresolvedUser(id, null, UnresolvedReason.Conflict,
                    $"{claimants.Count} Okta users of the Slack app carry Slack id {id} as externalId ({string.Join(", ", claimants)}); "
                    + "clear the externalId of the wrong one(s) in Okta (Applications > Slack > Assignments)") { Candidates = claimants });
            }
            else
            {
                rest.Add(id);
            }
        }

        if (rest.Count > 0 && slack.GrantedScopes is { } scopes && !scopes.Contains(EmailScope))
        {
            // Without it every one of them would look like a user with no email: say so once, before any look-up.
            throw new SyncAbortedException(
                $"the Slack token lacks the '{EmailScope}' scope, which this run needs to match {rest.Count} role holder(s) by email "
                + $"(it has: {string.Join(",", scopes.Order(StringComparer.Ordinal))}). Add '{EmailScope}' to the Slack app's user token scopes and reinstall the app org-wide; nothing was written.");
        }

        var bulk = rest.Count > 0 && UseBulk(bulkMode, rest.Count, appUsers.Assigned.Count) ? await ListInBulkAsync(rest, cancellationToken) : null;
        using var phase = progress.Start("Matching by email", "Slack users", rest.Count);
        await Parallel.ForEachAsync(
            rest,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (slackUserId, ct) =>
            {
                // In bulk mode a user missing from the org listing (a guest, say) is still asked about individually.
                var facts = bulk?.Slack.GetValueOrDefault(slackUserId) ?? await SlackFactsAsync(slackUserId, ct);
                if (facts is null)
                {
                    result.Unresolved.Add(new UnresolvedUser(slackUserId, null, UnresolvedReason.NotFoundInSlack, "Slack's users.info answered user_not_found although its role listing names this user"));
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
                    result.Unresolved.Add(new UnresolvedUser(slackUserId, null, UnresolvedReason.NoEmail, "Slack gave no email for this user"));
                }
                else
                {
                    var matches = bulk is not null
                        ? bulk.OktaIds(facts.Email)
                        : (await okta.FindUsersByEmailAsync(facts.Email, ct)).Where(u => u.Status != "DEPROVISIONED").Select(u => u.Id).ToList();
                    result.Match(slackUserId, facts.Email, matches);
                }

                phase.Add();
            });

        return result.ToResolution(rest.Count);
    }

    private async Task<SlackFacts?> SlackFactsAsync(string slackUserId, CancellationToken cancellationToken)
    {
        var user = await slack.GetUserAsync(slackUserId, cancellationToken);
        return user is null ? null : new SlackFacts(user.Deleted == true, user.IsBot == true, user.Profile?.Email);
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
            using var listing = progress.Start("Slack users (bulk)", "read");
            await foreach (var u in slack.StreamAdminUsersAsync(cancellationToken).Counted(listing))
            {
                // Without is_active the listing does not say whether the account is active: the user is then asked
                // about on their own, never read as deleted.
                if (wanted.Contains(u.Id!) && u.IsActive is not null)
                {
                    facts[u.Id!] = new SlackFacts(u.IsActive == false, u.IsBot == true, string.IsNullOrEmpty(u.Email) ? null : u.Email);
                }
            }

            return facts;
        }, cancellationToken);
        var oktaRead = Task.Run(async () =>
        {
            // One id per email; the rare email several users share keeps all of them, so the match can say so.
            var byEmail = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var shared = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            using var listing = progress.Start("Okta users (bulk)", "read");
            await foreach (var u in okta.StreamUsersAsync(cancellationToken).Counted(listing))
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
        public ConcurrentBag<UnresolvedUser> Unresolved { get; } = [];
        public ConcurrentBag<string> Deleted { get; } = [];
        public ConcurrentBag<string> Bots { get; } = [];
        public ConcurrentBag<ResolvedUser> NotAssigned { get; } = [];

        public void Match(string slackUserId, string email, List<string> oktaIds)
        {
            if (oktaIds.Count == 0)
            {
                Unresolved.Add(new UnresolvedUser(slackUserId, email, UnresolvedReason.NotInOkta, "no Okta user has this email"));
            }
            else if (oktaIds.Count > 1)
            {
                Unresolved.Add(new UnresolvedUser(slackUserId, email, UnresolvedReason.Conflict,
                    $"{oktaIds.Count} Okta users share this email ({string.Join(", ", oktaIds)}); assign the right one to the Slack app with externalId {slackUserId}, or change the other's email")
                {
                    Candidates = oktaIds,
                });
            }
            else
            {
                var found = new ResolvedUser(slackUserId, oktaIds[0], email, LinkSource.Email);
                Resolved[slackUserId] = found;
                if (!assignedToApp.Contains(found.OktaUserId))
                {
                    NotAssigned.Add(found);
                }
            }
        }

        public UserResolution ToResolution(int lookedUp) => new(
            Resolved,
            [.. Unresolved.OrderBy(u => u.SlackUserId, StringComparer.Ordinal)],
            [.. Deleted.Order(StringComparer.Ordinal)],
            [.. Bots.Order(StringComparer.Ordinal)],
            [.. NotAssigned.OrderBy(u => u.SlackUserId, StringComparer.Ordinal)],
            lookedUp);
    }
}
