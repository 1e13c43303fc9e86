using Microsoft.Extensions.Logging;
using SlackOigSync.Configuration;

namespace SlackOigSync.Sync;

/// <summary>
/// The run's account of what it read and planned, as log lines: what Slack lists (and the roles the catalogue does
/// not name), the entitlement adopted, the plan, and what the plan leaves to a person.
/// </summary>
public sealed class RunLog(AppSettings settings, RoleCatalogue catalogue, ILogger<RunLog> logger)
{
    public void SlackRead(SlackRoleHolders holders)
    {
        logger.LogInformation("Slack: {Assignments} role assignments, {Users} users, {Roles} roles", holders.Assignments, holders.RolesByUser.Count, holders.Roles.Count);
        foreach (var unknown in holders.Roles.Where(r => !catalogue.IsKnown(r)).Order(StringComparer.Ordinal))
        {
            logger.LogWarning("Slack role {RoleId} is not in the role catalogue; syncing it as '{Name}'. Add it to {Path} to name it", unknown, RoleCatalogue.FallbackName(unknown), settings.Sync.RoleCataloguePath);
        }
    }

    public void Adopted(SourceSnapshot snapshot)
    {
        if (snapshot.Entitlement is { } entitlement)
        {
            logger.LogInformation("Adopted entitlement {Name} ({EntitlementId}): {Values} values, {Grants} grants ({NotActive} not active)", entitlement.Name, entitlement.Id, snapshot.Values.Count, snapshot.Grants.Count, snapshot.Grants.Count(g => !g.IsActive));
        }
    }

    public void Planned(SyncPlan plan) =>
        logger.LogInformation(
            "Plan: {CreateValues} values to create, {Renames} to rename, {Add} role grants to add for {AddUsers} users, {Remove} to revoke from {RemoveUsers} users, {Kept} kept (identity unresolved), {Inactive} held by grants not active, {LeftAlone} left alone",
            plan.ValuesToCreate.Count, plan.ValuesToRename.Count, plan.AssignmentsToAdd, plan.GrantsToAdd.Count, plan.AssignmentsToRemove, plan.Revocations.Count, plan.Kept.Count, plan.HeldByInactiveGrants.Count, plan.LeftAlone.Count);

    /// <summary>What the run leaves to a person, logged once here (the run's message repeats it at the end).</summary>
    public void LeftToAPerson(RunOutcome.Notes notes, SyncPlan plan)
    {
        if (notes.Blocked is not null)
        {
            logger.LogError("{Blocked}", notes.Blocked);
        }

        if (notes.Held is not null)
        {
            logger.LogWarning("{Held}", notes.Held);
        }

        // The roles revoked in OIG that Slack still lists (one line, a few examples) and what this run does about them.
        var mode = settings.Sync.OnOigRevocation;
        RepeatedWarning.Log(logger, plan.OigRevocations, "role(s) revoked in OIG are still listed by Slack",
            o => $"Okta user {o.OktaUserId} ({o.Email ?? "no email"}), role {o.RoleId}: {RunFindings.DescribeOigRevocation(o, mode)}");
        RepeatedWarning.Log(logger, plan.HeldByInactiveGrants, "user × role pair(s) are held through a grant that is not active in OIG (not granted again, not revoked)",
            h => $"Okta user {h.OktaUserId}, role {h.RoleId}: {h.Describe()}");
    }
}
