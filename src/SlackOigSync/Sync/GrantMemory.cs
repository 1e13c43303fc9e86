using Microsoft.Data.Sqlite;
using SlackOigSync.Configuration;
using SlackOigSync.Storage;

namespace SlackOigSync.Sync;

/// <summary>
/// The sync's memory of grants between runs: which user × role pairs its grants held when the last real run ended
/// (managed_grant_state), and the revocations made in OIG it has recorded (oig_revocation). A pair it knew held that is
/// gone from OIG while Slack still lists the role was revoked there, and is never silently granted again.
/// </summary>
public sealed class GrantMemory(ManagedGrantStateRepository grantState, OigRevocationRepository oigRevocations, AppSettings settings, TimeProvider clock)
{
    public (IReadOnlySet<(string OktaUserId, string RoleId)> Held, IReadOnlySet<(string OktaUserId, string RoleId)> OpenOigRevocations) Load() =>
        (grantState.HeldPairs(), oigRevocations.Open().Select(o => (o.OktaUserId, o.RoleId)).ToHashSet());

    /// <summary>
    /// After a real run: what its grants hold now (from the grants read last), every revocation made in OIG it saw
    /// (recorded, for the history), and those settled by this run or since closed. A storage failure is returned as
    /// the sentence for the run's error message (the changes themselves are applied and audited already).
    /// </summary>
    public string? Remember(string executionId, SyncPlan plan, ApplyOutcome outcome, IReadOnlyList<CurrentGrant> finalGrants)
    {
        var now = clock.GetUtcNow();
        var roleByValue = outcome.ValuesByRole.Values.ToDictionary(v => v.ValueId, v => v.RoleId, StringComparer.Ordinal);
        var removed = outcome.RemovedFromSlackPairs.ToHashSet();
        var regranted = settings.Sync.OnOigRevocation == OigRevocationMode.Regrant;
        try
        {
            grantState.Replace(
                [.. finalGrants.Where(g => g.IsManaged).SelectMany(g => g.ValueIds.Where(roleByValue.ContainsKey).Select(v => new HeldGrant(g.OktaUserId, roleByValue[v], v)))],
                executionId, now);
            oigRevocations.Record([.. plan.OigRevocations.Select(o => (o.OktaUserId, o.RoleId, string.Join(",", o.SlackUserIds), o.Email))], executionId, now);
            oigRevocations.Close(
                [
                    .. plan.OigRevocationsClosed.Select(c => (c.OktaUserId, c.RoleId, c.Resolution)),
                    .. removed.Select(r => (r.OktaUserId, r.RoleId, OigRevocationResolution.RemovedFromSlack)),
                    .. regranted ? plan.OigRevocations.Select(o => (o.OktaUserId, o.RoleId, OigRevocationResolution.Regranted)) : [],
                ],
                executionId, now);
            return null;
        }
        catch (SqliteException e)
        {
            return $"{outcome.Applied} change(s) were applied and audited, but the state of the sync's grants could not be saved: {StorageException.From(e, settings.Sync.DatabasePath).Message}";
        }
    }
}
