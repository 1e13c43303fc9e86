using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SlackOigSync.Okta;
using SlackOigSync.Slack;

namespace SlackOigSync.Sync;

/// <summary>
/// Maps Slack user ids to Okta user ids: first through the paged listing of the Slack app's users (externalId is
/// the Slack id once Okta has provisioned or imported the account), then, for the rest only, users.info → email →
/// Okta search. Each Slack user is looked up at most once. An API failure propagates: a partial answer would
/// make present users look absent and so revoke their access.
/// </summary>
public sealed class UserResolver(SlackClient slack, OktaClient okta, ILogger<UserResolver> logger)
{
    /// <param name="appUsers">Every user of the Slack app in Okta, already listed.</param>
    public async Task<UserResolution> ResolveAsync(IReadOnlyCollection<string> slackUserIds, IReadOnlyList<OktaAppUser> appUsers, int concurrency, CancellationToken cancellationToken)
    {
        var byExternalId = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var appUser in appUsers.Where(u => !string.IsNullOrEmpty(u.ExternalId)))
        {
            if (!byExternalId.TryAdd(appUser.ExternalId!, appUser.Id) && byExternalId[appUser.ExternalId!] != appUser.Id)
            {
                logger.LogWarning("Two Okta users ({First}, {Second}) carry Slack id {SlackUserId} on the Slack app; using the first", byExternalId[appUser.ExternalId!], appUser.Id, appUser.ExternalId);
            }
        }

        var assigned = appUsers.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var resolved = new ConcurrentDictionary<string, ResolvedUser>(StringComparer.Ordinal);
        var notInOkta = new ConcurrentBag<UnresolvedUser>();
        var deleted = new ConcurrentBag<string>();
        var bots = new ConcurrentBag<string>();
        var notAssigned = new ConcurrentBag<ResolvedUser>();

        var rest = new List<string>();
        foreach (var id in slackUserIds.Distinct(StringComparer.Ordinal))
        {
            if (byExternalId.TryGetValue(id, out var oktaId))
            {
                resolved[id] = new ResolvedUser(id, oktaId, null, "app user externalId");
            }
            else
            {
                rest.Add(id);
            }
        }

        await Parallel.ForEachAsync(
            rest,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (slackUserId, ct) =>
            {
                var user = await slack.GetUserAsync(slackUserId, ct);
                if (user is null)
                {
                    notInOkta.Add(new UnresolvedUser(slackUserId, null, "Slack says user_not_found"));
                    return;
                }

                if (user.Deleted)
                {
                    deleted.Add(slackUserId);
                    return;
                }

                if (user.IsBot)
                {
                    bots.Add(slackUserId);
                    return;
                }

                var email = user.Profile?.Email;
                if (string.IsNullOrWhiteSpace(email))
                {
                    notInOkta.Add(new UnresolvedUser(slackUserId, null, "no email in Slack (or the token lacks users:read.email)"));
                    return;
                }

                var matches = (await okta.FindUsersByEmailAsync(email, ct)).Where(u => u.Status != "DEPROVISIONED").ToList();
                if (matches.Count == 0)
                {
                    notInOkta.Add(new UnresolvedUser(slackUserId, email, "no Okta user with this email"));
                }
                else if (matches.Count > 1)
                {
                    notInOkta.Add(new UnresolvedUser(slackUserId, email, $"{matches.Count} Okta users share this email; link the right one to the Slack app"));
                }
                else
                {
                    var found = new ResolvedUser(slackUserId, matches[0].Id, email, "email");
                    resolved[slackUserId] = found;
                    if (!assigned.Contains(found.OktaUserId))
                    {
                        notAssigned.Add(found);
                    }
                }
            });

        return new UserResolution(
            resolved,
            [.. notInOkta.OrderBy(u => u.SlackUserId, StringComparer.Ordinal)],
            [.. deleted.Order(StringComparer.Ordinal)],
            [.. bots.Order(StringComparer.Ordinal)],
            [.. notAssigned.OrderBy(u => u.SlackUserId, StringComparer.Ordinal)],
            rest.Count);
    }
}
