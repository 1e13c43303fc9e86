using Microsoft.Extensions.Logging;
using SlackOigSync.Storage;

namespace SlackOigSync.Sync;

/// <summary>
/// Settles earlier runs' audit rows left PENDING (the outcome could not be written) or UNKNOWN (the process died
/// mid-call) against OIG as this run read it, so that the trail says what really happened: an ADD_GRANT whose
/// user now holds the value landed; a REVOKE_GRANT whose user no longer holds it landed; otherwise it did not
/// (or was undone since). A CREATE_VALUE landed if the value exists. A REMOVE_SLACK_ROLE landed if Slack's listing
/// of this run no longer shows that account with the role. A RENAME_VALUE is left as it is: the trail does not keep
/// the name asked for, and the next run renames again if it must.
/// <para>
/// Only a real run calls this, after taking the lease and closing interrupted runs, so no other run can be
/// writing to OIG or to these rows; the grants it compares against were read after those runs ended.
/// </para>
/// </summary>
public sealed class AuditReconciler(AuditRepository audit, TimeProvider clock, ILogger<AuditReconciler> logger)
{
    /// <param name="slackRoles">Slack's role listing of this run: Slack user → roles.</param>
    public AuditReconciliation Reconcile(
        string executionId, IReadOnlyCollection<CurrentGrant> grants, IReadOnlyDictionary<string, CurrentValue> values, IReadOnlyDictionary<string, IReadOnlySet<string>> slackRoles)
    {
        var unsettled = audit.Unsettled(executionId);
        if (unsettled.Count == 0)
        {
            return AuditReconciliation.None;
        }

        // Held means held through an active grant: what the sync's own grant call makes, and what a revocation ends.
        var held = grants.Where(g => g.IsActive).SelectMany(g => g.ValueIds.Select(v => (g.OktaUserId, v))).ToHashSet();
        var settled = new List<(long Id, AuditOutcome Outcome, string Error)>();
        foreach (var row in unsettled)
        {
            bool? landed = row.Action switch
            {
                AuditAction.AddGrant when row is { OktaUserId: { } user, OktaEntitlementValueId: { } value } => held.Contains((user, value)),
                AuditAction.RevokeGrant when row is { OktaUserId: { } user, OktaEntitlementValueId: { } value } => !held.Contains((user, value)),
                AuditAction.CreateValue when row.SlackRoleId is { } role => values.ContainsKey(role),
                AuditAction.RemoveSlackRole when row is { SlackUserId: { } account, SlackRoleId: { } role } => !(slackRoles.TryGetValue(account, out var roles) && roles.Contains(role)),
                _ => null,
            };
            if (landed is { } yes)
            {
                settled.Add((row.Id, yes ? AuditOutcome.Applied : AuditOutcome.Failed, yes
                    ? $"reconciled by {executionId}: {Source(row)} it read show this change landed (the outcome was {StorageText.Of(row.Outcome)})"
                    : $"reconciled by {executionId}: {Source(row)} it read show this change did not land, or was undone since (the outcome was {StorageText.Of(row.Outcome)})"));
            }
        }

        audit.Settle(settled, executionId, clock.GetUtcNow());
        var result = new AuditReconciliation(settled.Count(s => s.Outcome == AuditOutcome.Applied), settled.Count(s => s.Outcome == AuditOutcome.Failed));
        if (result.Total > 0)
        {
            logger.LogWarning(
                "Reconciled {Total} earlier change(s) whose outcome was never recorded: {Landed} had landed in OIG, {NotLanded} had not",
                result.Total, result.Landed, result.NotLanded);
        }

        return result;
    }

    private static string Source(AuditEntry row) => row.Action == AuditAction.RemoveSlackRole ? "Slack's role assignments" : "OIG's grants";
}
