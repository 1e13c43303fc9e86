using SlackOigSync.Configuration;
using SlackOigSync.Storage;
using SlackOigSync.Sync;

namespace SlackOigSync.Cli;

/// <summary>What a person reads on stdout: the plan as tables, the run's summary, history and one run's changes.</summary>
public static class ResultPrinter
{
    public static void PrintRun(SyncResult result, RoleCatalogue catalogue, TextWriter output, int maxRows = OutputSettings.DefaultMaxRows)
    {
        var table = new BoundedTable(maxRows, result.ExecutionId);
        output.WriteLine();
        output.WriteLine($"Execution {result.ExecutionId}{(result.DryRun ? " (DRY RUN: nothing was written to OIG)" : string.Empty)}");
        if (result.Plan is { } plan)
        {
            if (result.DryRun || !plan.IsEmpty)
            {
                PrintPlan(plan, result, catalogue, output, table);
            }
            else
            {
                output.WriteLine(plan.NotGrantedAgain > 0
                    ? "No changes to make: what still differs is held by grants not active in OIG (below), left to a person."
                    : "No changes: OIG already matches Slack.");
            }
        }

        if (result.Resolution is { } resolution)
        {
            var unmatched = resolution.Unresolved.Where(u => u.Reason != UnresolvedReason.Conflict).ToList();
            if (unmatched.Count > 0)
            {
                output.WriteLine($"Slack role holders not matched to Okta ({unmatched.Count}):");
                output.Write(table.Render(["SLACK USER", "EMAIL", "REASON"], unmatched.Select(u => new[] { u.SlackUserId, u.Email, u.Detail })));
            }

            var conflicts = resolution.Conflicts.ToList();
            if (conflicts.Count > 0)
            {
                output.WriteLine($"Identity conflicts ({conflicts.Count}): several Okta users claim one Slack user, so nothing is granted to any of them and what they hold is kept:");
                output.Write(table.Render(["SLACK USER", "EMAIL", "OKTA USERS", "HOW TO FIX"], conflicts.Select(u => new[] { u.SlackUserId, u.Email, string.Join(", ", u.Candidates), u.Detail })));
            }

            if (resolution.NotAssignedToApp.Count > 0)
            {
                output.WriteLine($"Found in Okta by email but not linked to the Slack app ({resolution.NotAssignedToApp.Count}); assign them or import Slack users to set externalId:");
                output.Write(table.Render(["SLACK USER", "EMAIL", "OKTA USER"], resolution.NotAssignedToApp.Select(u => new[] { u.SlackUserId, u.Email, u.OktaUserId })));
            }

            if (resolution.DeletedSlackUsers.Count + resolution.BotSlackUsers.Count > 0)
            {
                output.WriteLine($"Left out of the desired state: {DisplayText.Plural(resolution.DeletedSlackUsers.Count, "deleted Slack user", "deleted Slack users")}, {DisplayText.Plural(resolution.BotSlackUsers.Count, "bot", "bots")}.");
            }
        }

        if (result.Plan is { Kept.Count: > 0 } withKept)
        {
            output.WriteLine($"Grants kept: identity unresolved ({withKept.Kept.Count}); Slack still lists these roles for a holder who could not be matched today:");
            output.Write(table.Render(["OKTA USER", "ROLE", "SLACK USER", "WHY"],
                withKept.Kept.Select(k => new[] { k.OktaUserId, $"{k.RoleId} {catalogue.NameFor(k.RoleId)}", k.SlackUserId, $"kept: {k.Reason}" })));
        }

        if (result.Plan is { HeldByInactiveGrants.Count: > 0 } withInactive)
        {
            output.WriteLine($"Held by grants not active in OIG ({withInactive.HeldByInactiveGrants.Count}): not granted again, not revoked; check these grants in OIG:");
            output.Write(table.Render(["OKTA USER", "ROLE", "GRANT", "STATUS", "WHY"],
                withInactive.HeldByInactiveGrants.Select(h => new[] { h.OktaUserId, $"{h.RoleId} {catalogue.NameFor(h.RoleId)}", h.GrantId, h.Status, h.Describe() })));
        }

        if (result.Plan is { OigRevocations.Count: > 0 } withOigRevocations)
        {
            output.WriteLine($"Revoked in OIG, still listed by Slack ({withOigRevocations.OigRevocations.Count}): a reviewer or an admin revoked these grants in OIG; {OigRevocationAction(result)}:");
            output.Write(table.Render(["OKTA USER", "EMAIL", "ROLE", "SLACK USERS", "SINCE"],
                withOigRevocations.OigRevocations.Select(o => new[] { o.OktaUserId, o.Email, $"{o.RoleId} {catalogue.NameFor(o.RoleId)}", string.Join(", ", o.SlackUserIds), o.AlreadyRecorded ? "an earlier run" : "this run" })));
        }

        if (result.Held.Count > 0)
        {
            output.WriteLine($"Revocations held ({result.Held.Count}): Slack's confirming read disagreed with the first, so these were not revoked:");
            output.Write(table.Render(["OKTA USER", "ROLE", "STILL LISTED FOR"],
                result.Held.Select(h => new[] { h.OktaUserId, $"{h.RoleId} {catalogue.NameFor(h.RoleId)}", string.Join(", ", h.SlackUserIds) })));
        }

        if (result.MovedLinks.Count > 0)
        {
            output.WriteLine($"Identity links moved ({result.MovedLinks.Count}): these Slack users now resolve to another Okta user; their roles move with them:");
            output.Write(table.Render(["SLACK USER", "EMAIL", "FROM OKTA USER", "TO OKTA USER", "ROLES"],
                result.MovedLinks.Select(m => new[] { m.SlackUserId, m.Email, m.FromOktaUserId, m.ToOktaUserId, string.Join(", ", m.RoleIds.Order(StringComparer.Ordinal)) })));
        }

        if (result.Reconciled.Total > 0)
        {
            output.WriteLine($"Reconciled {DisplayText.Plural(result.Reconciled.Total, "earlier change", "earlier changes")} whose outcome was never recorded: {result.Reconciled.Landed} had landed in OIG, {result.Reconciled.NotLanded} had not (their audit rows now say so).");
        }

        var verb = result.DryRun ? "would add" : "added";
        output.WriteLine(
            $"Result: {StorageText.Of(result.Status)} (exit {result.ExitCode}) | Slack assignments {result.SlackAssignments}, users {result.TotalSlackUsers}, roles {result.RolesSynced} | " +
            $"{verb} {(result.DryRun ? result.Plan?.AssignmentsToAdd ?? 0 : result.Added)}, {(result.DryRun ? "would remove" : "removed")} {(result.DryRun ? result.Plan?.AssignmentsToRemove ?? 0 : result.Removed)}, " +
            $"{(result.DryRun ? "would remove in Slack" : "removed in Slack")} {(result.DryRun ? result.Plan?.SlackRemovalsCount ?? 0 : result.RemovedFromSlack)}, revoked in OIG {result.Plan?.OigRevocations.Count ?? 0}, " +
            $"failed {result.Failed}, kept (unresolved) {result.Plan?.Kept.Count ?? 0}, revocations held {result.Held.Count}, held by grants not active {result.Plan?.HeldByInactiveGrants.Count ?? 0}, conflicts {result.Resolution?.Conflicts.Count() ?? 0}, not in Okta {result.Resolution?.Unresolved.Count ?? 0}{(result.Unconverged > 0 ? $", {result.Unconverged} still different after the re-read" : string.Empty)} | {result.DurationSeconds:F1}s");
        if (result.ErrorMessage is not null)
        {
            output.WriteLine($"Error: {result.ErrorMessage}");
        }
    }

    private static string OigRevocationAction(SyncResult result) => result.OnOigRevocation switch
    {
        OigRevocationMode.RemoveFromSlack => result.DryRun ? "they would be removed in Slack" : "they were removed in Slack where the audit trail says APPLIED",
        OigRevocationMode.Regrant => "they are granted again (Sync:OnOigRevocation=Regrant)",
        _ => "they are not granted again until Slack drops the role or 'oig-revocation clear' clears them",
    };

    public static void PrintPlan(SyncPlan plan, SyncResult result, RoleCatalogue catalogue, TextWriter output, BoundedTable table)
    {
        if (result.EntitlementCreated)
        {
            output.WriteLine(result.DryRun ? "The entitlement does not exist yet: it would be created with the values below." : "The entitlement was created with the values below.");
        }

        if (plan.ValuesToCreate.Count > 0)
        {
            output.WriteLine($"Entitlement values to create ({plan.ValuesToCreate.Count}):");
            output.Write(table.Render(["ROLE", "NAME"], plan.ValuesToCreate.Select(v => new[] { v.RoleId, v.Name })));
        }

        if (plan.ValuesToRename.Count > 0)
        {
            output.WriteLine($"Entitlement values to rename ({plan.ValuesToRename.Count}):");
            output.Write(table.Render(["ROLE", "FROM", "TO"], plan.ValuesToRename.Select(v => new[] { v.RoleId, v.OldName, v.NewName })));
        }

        output.WriteLine($"Grants to add ({plan.AssignmentsToAdd} user x role, {DisplayText.Plural(plan.GrantsToAdd.Count, "grant call", "grant calls")}):");
        output.Write(table.Render(["OKTA USER", "SLACK USER", "EMAIL", "ROLES"],
            plan.GrantsToAdd.Select(g => new[] { g.OktaUserId, g.SlackUserId, g.Email, string.Join(", ", g.RoleIds.Select(r => $"{r} {catalogue.NameFor(r)}")) })));
        output.WriteLine($"Grants to revoke ({plan.AssignmentsToRemove} user x role, {DisplayText.Plural(plan.Revocations.Sum(r => (r.Values.Count + 4) / 5), "revoke call", "revoke calls")}){(plan.RevocationsBlocked is null ? string.Empty : " - BLOCKED by the mass-revocation guard")}:");
        output.Write(table.Render(["OKTA USER", "ROLES"],
            plan.Revocations.Select(r => new[] { r.OktaUserId, string.Join(", ", r.Values.Select(v => $"{v.RoleId} {catalogue.NameFor(v.RoleId)}")) })));
        if (plan.SlackRemovals.Count > 0)
        {
            output.WriteLine($"Roles to remove in Slack, revoked in OIG ({plan.SlackRemovalsCount} account x role){(plan.RevocationsBlocked is null ? string.Empty : " - BLOCKED by the mass-revocation guard")}:");
            output.Write(table.Render(["OKTA USER", "ROLE", "SLACK USER", "ENTITIES"],
                plan.SlackRemovals.SelectMany(r => r.Holdings.Select(h => new[] { r.OktaUserId, $"{r.RoleId} {catalogue.NameFor(r.RoleId)}", h.SlackUserId, string.Join(", ", h.EntityIds) }))));
        }

        if (plan.LeftAlone.Count > 0)
        {
            output.WriteLine($"Left alone ({plan.LeftAlone.Count}):");
            output.Write(table.Render(["OKTA USER", "ROLE", "WHY"], plan.LeftAlone.Select(l => new[] { l.OktaUserId, l.RoleId, l.Reason })));
        }
    }

    private static string Str(long n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
