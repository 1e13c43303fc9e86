using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SlackOigSync.Configuration;
using SlackOigSync.Storage;

namespace SlackOigSync.Sync;

/// <summary>
/// Saves what a real run leaves for the next one: the role → value mapping and the identity links right after applying,
/// and, once verified, the state of the sync's grants (<see cref="GrantMemory"/>). The changes are applied and audited
/// already, so a storage failure here is logged and returned as the sentence for the run's error message, not thrown.
/// </summary>
public sealed class RunMemoryWriter(AppSettings settings, RoleMappingRepository mappings, IdentityLinkRepository identityLinks, GrantMemory memory, TimeProvider clock, ILogger<RunMemoryWriter> logger)
{
    /// <param name="blocked">A blocked run keeps the old link of a moved holder, so that the move is weighed again by the next run's guard.</param>
    public string? SaveMappingAndLinks(PlanBasis basis, ApplyOutcome outcome, bool blocked)
    {
        try
        {
            mappings.Upsert(
                outcome.ValuesByRole.Values.Where(v => basis.SlackRoleIds.Contains(v.RoleId))
                    .Select(v => (v.RoleId, basis.RoleNames.GetValueOrDefault(v.RoleId) ?? v.Name, outcome.EntitlementId!, v.ValueId)),
                clock.GetUtcNow());

            var movedHolders = basis.People.Moved.Select(m => m.SlackUserId).ToHashSet(StringComparer.Ordinal);
            identityLinks.Save([.. basis.People.Identities.LinksToSave(clock.GetUtcNow()).Where(l => !blocked || !movedHolders.Contains(l.SlackUserId))]);
            return null;
        }
        catch (SqliteException e)
        {
            // Keep the counts of what was applied: the caller ends the run FAILED with this sentence.
            var failure = StorageException.From(e, settings.Sync.DatabasePath);
            logger.LogError("Sync failed after applying: {Error}", failure.Message);
            return $"{outcome.Applied} change(s) were applied and audited, but the role mapping and identity links could not be saved: {failure.Message}";
        }
    }

    /// <summary>After verification: what the sync's grants hold now and the revocations made in OIG it saw (<see cref="GrantMemory.Remember"/>).</summary>
    public string? Remember(string executionId, SyncPlan plan, ApplyOutcome outcome, IReadOnlyList<CurrentGrant> finalGrants)
    {
        if (memory.Remember(executionId, plan, outcome, finalGrants) is { } failure)
        {
            logger.LogError("Sync failed after applying: {Error}", failure);
            return failure;
        }

        return null;
    }
}
