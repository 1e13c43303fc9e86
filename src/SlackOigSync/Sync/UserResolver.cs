using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
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

    /// <summary>Both orgs' users, from bulk listings: Slack facts by user id, Okta user ids by upper-cased email.</summary>
    private sealed record Directory(Dictionary<string, SlackFacts> Slack, Dictionary<string, List<string>> OktaByEmail);

    /// <param name="appUsers">Every user of the Slack app in Okta, already listed.</param>
    /// <param name="bulkThreshold">From this many unlinked users, list users in bulk (0: never).</param>
    public async Task<UserResolution> ResolveAsync(
        IReadOnlyCollection<string> slackUserIds, IReadOnlyList<OktaAppUser> appUsers, int concurrency, int bulkThreshold, CancellationToken cancellationToken)
    {
        var byExternalId = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var appUser in appUsers.Where(u => !string.IsNullOrEmpty(u.ExternalId)))
        {
            if (!byExternalId.TryAdd(appUser.ExternalId!, appUser.Id) && byExternalId[appUser.ExternalId!] != appUser.Id)
            {
                logger.LogWarning("Two Okta users ({First}, {Second}) carry Slack id {SlackUserId} on the Slack app; using the first", byExternalId[appUser.ExternalId!], appUser.Id, appUser.ExternalId);
            }
        }

        var result = new Collector(appUsers.Select(u => u.Id).ToHashSet(StringComparer.Ordinal));
        var rest = new List<string>();
        foreach (var id in slackUserIds.Distinct(StringComparer.Ordinal))
        {
            if (byExternalId.TryGetValue(id, out var oktaId))
            {
                result.Resolved[id] = new ResolvedUser(id, oktaId, null, "app user externalId");
            }
            else
            {
                rest.Add(id);
            }
        }

        var bulk = bulkThreshold > 0 && rest.Count >= bulkThreshold ? await TryBulkAsync(rest.Count, cancellationToken) : null;
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
                        ? bulk.OktaByEmail.GetValueOrDefault(facts.Email.ToUpperInvariant()) ?? []
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

    /// <summary>Both orgs' users, listed in parallel; null (per-user look-ups instead) when the Slack token may not list users.</summary>
    private async Task<Directory?> TryBulkAsync(int unlinked, CancellationToken cancellationToken)
    {
        logger.LogInformation("{Unlinked} role holders are not linked through the Okta app's externalId: listing Slack and Okta users in bulk", unlinked);
        var slackUsers = slack.ListAdminUsersAsync(cancellationToken);
        var oktaUsers = okta.ListUsersAsync(cancellationToken);
        try
        {
            await Task.WhenAll(slackUsers, oktaUsers);
        }
        catch (ApiException e) when (e.Code == "missing_scope" && slackUsers.IsFaulted)
        {
            await Task.WhenAll(oktaUsers.ContinueWith(_ => { }, TaskScheduler.Default));
            logger.LogWarning("admin.users.list is not allowed for this token ({Error}); looking users up one by one instead. Add admin.users:read to list them in bulk", e.Message);
            return null;
        }

        var facts = (await slackUsers).ToDictionary(u => u.Id, u => new SlackFacts(!u.IsActive, u.IsBot, string.IsNullOrEmpty(u.Email) ? null : u.Email), StringComparer.Ordinal);
        var byEmail = (await oktaUsers)
            .Where(u => u.Status != "DEPROVISIONED" && !string.IsNullOrEmpty(u.Profile?.Email))
            .GroupBy(u => u.Profile!.Email!.ToUpperInvariant(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(u => u.Id).ToList(), StringComparer.Ordinal);
        return new Directory(facts, byEmail);
    }

    /// <summary>Thread-safe accumulation of the outcome for parallel look-ups.</summary>
    private sealed class Collector(HashSet<string> assignedToApp)
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
