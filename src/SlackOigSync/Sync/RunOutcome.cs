using SlackOigSync.Configuration;
using SlackOigSync.Storage;

namespace SlackOigSync.Sync;

/// <summary>
/// How a run ends, from what it planned and did: its status (and so its exit code) and its one-paragraph message.
/// Pure: no I/O. The sentences name what was left undone and what to do about it.
/// </summary>
public static class RunOutcome
{
    /// <summary>What a planned run leaves to a person, each a sentence or null.</summary>
    public sealed record Notes(string? Blocked, string? Held, string? Inactive, string? OigRevocations);

    public static Notes Of(SyncPlan plan, IReadOnlyList<HeldRevocation> held, int contradicted, OigRevocationMode mode, bool dryRun) =>
        new(Blocked(plan, dryRun), Held(held, contradicted), Inactive(plan), OigRevocations(plan, mode));

    /// <summary>A dry run: BLOCKED past the guard, PARTIAL when something is left to a person, else SUCCESS.</summary>
    public static (RunStatus Status, string? Message) OfDryRun(Notes notes) =>
        notes.Blocked is not null ? (RunStatus.Blocked, notes.Blocked)
        : notes.Held is not null || notes.Inactive is not null || notes.OigRevocations is not null ? (RunStatus.Partial, Join(notes.Held, notes.Inactive, notes.OigRevocations))
        : (RunStatus.Success, null);

    /// <summary>
    /// A run that applied its plan: BLOCKED past the guard; SUCCESS when every change landed, the re-read matched and
    /// nothing is left to a person; FAILED when changes were tried and none landed; PARTIAL otherwise.
    /// </summary>
    public static (RunStatus Status, string? Message) OfApplied(Notes notes, ApplyOutcome outcome, int unconverged)
    {
        var problems = outcome.Failed + unconverged == 0 ? null
            : $"{outcome.Failed} change(s) failed and {unconverged} difference(s) remain after verification{(outcome.FirstError is null ? string.Empty : $"; first failure: {outcome.FirstError}")}";
        var status = notes.Blocked is not null ? RunStatus.Blocked
            : outcome.Failed == 0 && unconverged == 0 && notes.Held is null && notes.Inactive is null && notes.OigRevocations is null ? RunStatus.Success
            : outcome.Applied == 0 && outcome.Failed > 0 ? RunStatus.Failed
            : RunStatus.Partial;
        return (status, Join(notes.Blocked, notes.Held, notes.Inactive, notes.OigRevocations, problems));
    }

    /// <summary>A run whose audit trail could not be written (FAILED): what was applied before writing to OIG stopped.</summary>
    public static string OfAuditFailure(ApplyOutcome outcome) =>
        $"The audit trail could not be written, so no further change was sent to OIG after {outcome.Applied} applied ({outcome.Added} added, {outcome.Removed} removed; a change whose outcome could not be recorded stays PENDING until the next run reconciles it against OIG): {outcome.AuditFailure}";

    /// <summary>A run stopped between writes: PARTIAL when something was applied, else FAILED; the next run completes the rest.</summary>
    public static (RunStatus Status, string Message) OfStopped(ApplyOutcome outcome) =>
        (outcome.Applied > 0 ? RunStatus.Partial : RunStatus.Failed,
         $"stopped by a shutdown request between writes after {outcome.Applied} applied change(s); the next run re-reads OIG and completes the rest");

    /// <summary>The sentences of a run, joined.</summary>
    public static string? Join(params string?[] messages) =>
        string.Join(" Also: ", messages.OfType<string>()) is { Length: > 0 } message ? message : null;

    private static string? Blocked(SyncPlan plan, bool dryRun) => plan.RevocationsBlocked is null ? null
        : $"Mass-revocation guard: {plan.RevocationsBlocked}, so no revocation was applied{(dryRun ? string.Empty : " (additions were)")}. "
          + "Review the planned revocations with --dry-run; if they are right, run once with --allow-mass-revocation (or set Sync:AllowMassRevocation).";

    /// <param name="contradicted">How many of <paramref name="held"/> are removals in Slack that OIG's two views disagreed on (the last ones).</param>
    private static string? Held(IReadOnlyList<HeldRevocation> held, int contradicted)
    {
        var slack = held.Count - contradicted;
        string? first = slack == 0 ? null
            : $"{slack} revocation(s) held: Slack's confirming read still lists the role although the first read did not (first: {held[0].OktaUserId} {held[0].RoleId}). Nothing was revoked for them; the next run reads Slack again.";
        string? second = contradicted == 0 ? null
            : $"{contradicted} removal(s) in Slack held: OIG's summary of the user's access still shows the role although its grant listing does not (first: {held[slack].OktaUserId} {held[slack].RoleId}). Nothing was removed in Slack for them; the next run reads OIG again.";
        return Join(first, second);
    }

    /// <summary>A role Slack lists that only a grant that is not active holds is a difference the sync leaves to a person.</summary>
    private static string? Inactive(SyncPlan plan) => plan.HeldByInactiveGrants.FirstOrDefault(h => h.SlackListsRole) is not { } first ? null
        : $"{plan.NotGrantedAgain} role(s) Slack lists are held in OIG only through a grant that is not active, so they were not granted again "
          + $"(first: Okta user {first.OktaUserId}, role {first.RoleId}, grant {first.GrantId} {first.Status}); check those grants in OIG.";

    /// <summary>Only under Report are revocations made in OIG a difference left open; the other modes act on them.</summary>
    private static string? OigRevocations(SyncPlan plan, OigRevocationMode mode) => plan.OigRevocations.Count == 0 || mode != OigRevocationMode.Report ? null
        : $"{plan.OigRevocations.Count} role(s) were revoked in OIG but Slack still lists them (first: Okta user {plan.OigRevocations[0].OktaUserId}, role {plan.OigRevocations[0].RoleId}); they were not granted again. "
          + "Remove them in Slack (or run with Sync:OnOigRevocation=RemoveFromSlack), or clear them with 'oig-revocation clear' to grant them again.";
}
