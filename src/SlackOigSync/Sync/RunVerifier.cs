using Microsoft.Extensions.Logging;

namespace SlackOigSync.Sync;

/// <summary>
/// Verification after applying: re-read the grants and plan again; whatever the second plan still wants to do did not
/// take. Revocations held by Slack's confirming read, and all revocations of a blocked run, are not counted.
/// </summary>
public sealed class RunVerifier(SourceReader sources, ILogger<RunVerifier> logger)
{
    /// <param name="grants">The grants read before applying: the final ones when nothing was applied or failed.</param>
    public async Task<Verification> VerifyAsync(
        PlanBasis basis, ApplyOutcome outcome, IReadOnlyList<HeldRevocation> held, bool blocked, string appId, IReadOnlyList<CurrentGrant> grants, CancellationToken cancellationToken)
    {
        // A run that changed nothing has nothing to verify, and saves re-reading every grant.
        if (outcome.Applied + outcome.Failed == 0)
        {
            return new Verification(0, grants);
        }

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
