using Microsoft.Extensions.Logging;
using SlackOigSync.Configuration;
using SlackOigSync.Storage;

namespace SlackOigSync.Sync;

/// <summary>
/// The run's resolution step: Slack's role holders resolved to Okta users, logged, and joined with the identity
/// links earlier runs remembered, so that an unresolved holder keeps what their remembered Okta user holds.
/// </summary>
public sealed class PeopleStep(AppSettings settings, UserResolver resolver, IdentityLinkRepository identityLinks, ILogger<PeopleStep> logger)
{
    public async Task<RunPeople> ResolveAsync(SlackRoleHolders holders, AppUserIndex appUsers, CancellationToken cancellationToken)
    {
        var rolesByUser = holders.RolesByUser;
        var resolution = await resolver.ResolveAsync(rolesByUser.Keys, appUsers, settings.Sync.LookupConcurrency, settings.Sync.BulkLookup, cancellationToken);
        logger.LogInformation(
            "People: {Resolved} resolved ({ByExternalId} through the app's users, {ByEmail} by email), {Unresolved} unresolved ({Conflicts} in conflict), {Deleted} deleted, {Bots} bot(s); {Looked} Slack user(s) looked up by email",
            resolution.Resolved.Count, resolution.Resolved.Values.Count(r => r.ResolvedBy == LinkSource.ExternalId), resolution.Resolved.Values.Count(r => r.ResolvedBy != LinkSource.ExternalId),
            resolution.Unresolved.Count, resolution.Conflicts.Count(), resolution.DeletedSlackUsers.Count, resolution.BotSlackUsers.Count, resolution.LookedUp);
        RepeatedWarning.Log(logger, [.. resolution.Conflicts], "Slack user(s) in an identity conflict; nothing is granted to any of their claimants and grants already held are kept",
            c => $"{c.SlackUserId}: {c.Detail}");

        // Who is who, with the memory of earlier runs: an unresolved holder keeps what their remembered Okta user holds.
        var identities = new IdentityMap(resolution, appUsers.ByExternalId, identityLinks.All());
        var (protectedGrants, unattributedRoles) = identities.Protection(rolesByUser);
        var moved = identities.Moved(rolesByUser);
        RepeatedWarning.Log(logger, moved, "Slack user(s) now resolve to another Okta user than the one remembered; their roles move with them",
            m => $"{m.SlackUserId} from {m.FromOktaUserId} to {m.ToOktaUserId}");
        RepeatedWarning.Log(logger, resolution.NotAssignedToApp, "Okta user(s) hold Slack roles but are not assigned to the Slack app in Okta (or their externalId is not set)",
            u => $"{u.OktaUserId} ({u.Email})");
        return new RunPeople(resolution, identities, protectedGrants, unattributedRoles, moved);
    }
}
