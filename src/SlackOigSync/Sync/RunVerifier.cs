using Microsoft.Extensions.Logging;

namespace SlackOigSync.Sync;

/// <summary>
/// Verification after applying: re-read the grants and plan again; whatever the second plan still wants to do did not
/// take. Revocations held by Slack's confirming read, and all revocations of a blocked run, are not counted. Only a
/// run that applied or failed a change is verified (one that changed nothing keeps the grants it read before applying).
/// </summary>
public sealed class RunVerifier(SourceReader sources, ILogger<RunVerifier> logger)
{
    public async Task<Verification> VerifyAsync(
        PlanBasis basis, ApplyOutcome outcome, IReadOnlyList<HeldRevocation> held, bool blocked, string appId, CancellationToken cancellationToken)
    {
        var finalGrants = outcome.EntitlementId is null ? [] : await sources.ReadGrantsAsync(appId, outcome.EntitlementId, cancellationToken);
        var after = SyncPlanner.Plan(basis.Input(finalGrants, outcome.ValuesByRole.Values));
        var heldPairs = held.Select(h => (h.OktaUserId, h.RoleId)).ToHashSet();
        var stillToRevoke = after.Revocations.Sum(r => r.Values.Count(v => !heldPairs.Contains((r.OktaUserId, v.RoleId))));
        var unconverged = after.AssignmentsToAdd + (blocked ? 0 : stillToRevoke);
        if (unconverged > 0)
        {
            logger.LogWarning("Verification: {Count} user × role differences remain after applying ({Add} to add, {Remove} to revoke)", unconverged, after.AssignmentsToAdd, after.AssignmentsToRemove);
        }

        return new Verification(unconverged, finalGrants);
    }
}
