using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SlackOigSync.Governance;
using SlackOigSync.Storage;

namespace SlackOigSync.Sync;

/// <summary>
/// Makes a plan's changes in OIG: new values and renames in one PATCH each, one grant call per user carrying all
/// of that user's new values, revocations five value ORNs per call. Every change is written to the audit trail
/// as soon as its call returns; a failed change is recorded and the others go on.
/// </summary>
public sealed class PlanApplier(GovernanceClient governance, AuditRepository audit, TimeProvider clock, ILogger<PlanApplier> logger)
{
    public async Task<ApplyOutcome> ApplyAsync(
        SyncPlan plan, RunContext run, IReadOnlyDictionary<string, CurrentValue> valuesByRole, int concurrency, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, CurrentValue>(valuesByRole, StringComparer.Ordinal);
        int added = 0, removed = 0, failed = 0, applied = 0;

        if (plan.ValuesToCreate.Count > 0)
        {
            var error = await TryAsync(async () =>
            {
                await governance.PatchEntitlementAsync(run.EntitlementId, run.AppId,
                    [.. plan.ValuesToCreate.Select(v => new OigPatchOperation("ADD", "/values/-", new OigNewValue(v.Name, v.RoleId, Description(v.RoleId)), "ENTITLEMENT-VALUE"))],
                    cancellationToken);
            });
            if (error is null)
            {
                // PATCH answers with the values it touched, but a fresh read is the source of ids and ORNs either way.
                foreach (var v in await governance.ListValuesAsync(run.EntitlementId, run.AppId, cancellationToken))
                {
                    values[v.ExternalValue] = new CurrentValue(v.Id, v.ExternalValue, v.Name, v.Orn);
                }
            }

            Record(plan.ValuesToCreate.Select(v => Entry(run, "CREATE_VALUE", v.RoleId, values.GetValueOrDefault(v.RoleId)?.ValueId, error)));
            (applied, failed) = error is null ? (applied + plan.ValuesToCreate.Count, failed) : (applied, failed + plan.ValuesToCreate.Count);
        }

        if (plan.ValuesToRename.Count > 0)
        {
            var error = await TryAsync(() => governance.PatchEntitlementAsync(run.EntitlementId, run.AppId,
                [.. plan.ValuesToRename.Select(r => new OigPatchOperation("REPLACE", $"/values/{r.ValueId}", new OigNewValue(r.NewName, r.RoleId, Description(r.RoleId)), "ENTITLEMENT-VALUE"))],
                cancellationToken));
            Record(plan.ValuesToRename.Select(r => Entry(run, "RENAME_VALUE", r.RoleId, r.ValueId, error) with { Error = error ?? $"'{r.OldName}' → '{r.NewName}'" }));
            (applied, failed) = error is null ? (applied + plan.ValuesToRename.Count, failed) : (applied, failed + plan.ValuesToRename.Count);
        }

        var addedCount = 0;
        var failedCount = 0;
        await Parallel.ForEachAsync(plan.GrantsToAdd, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (grant, ct) =>
        {
            var missing = grant.RoleIds.Where(r => !values.ContainsKey(r)).ToList();
            var error = missing.Count > 0
                ? $"no OIG value exists for {string.Join(", ", missing)} (creating it failed)"
                : await TryAsync(() => governance.CreateGrantAsync(
                    new OigGrantCreate(
                        "ENTITLEMENT",
                        new OigResourceRef(run.AppId, "APPLICATION"),
                        new OigResourceRef(grant.OktaUserId, "OKTA_USER"),
                        [new OigGrantEntitlement(run.EntitlementId, [.. grant.RoleIds.Select(r => new OigGrantValue(values[r].ValueId))])],
                        "API"),
                    ct));
            Record(grant.RoleIds.Select(r => Entry(run, "ADD_GRANT", r, values.GetValueOrDefault(r)?.ValueId, error) with
            {
                SlackUserId = grant.SlackUserId, Email = grant.Email, OktaUserId = grant.OktaUserId,
            }));
            Interlocked.Add(ref error is null ? ref addedCount : ref failedCount, grant.RoleIds.Count);
        });

        var removedCount = 0;
        var calls = plan.Revocations.SelectMany(r => r.Values.Chunk(5).Select(chunk => (Revocation: r, Chunk: chunk))).ToList();
        await Parallel.ForEachAsync(calls, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (call, ct) =>
        {
            var orns = call.Chunk.Select(v => v.ValueOrn).OfType<string>().ToList();
            var error = call.Revocation.PrincipalOrn is null || orns.Count != call.Chunk.Length
                ? "OIG returned no ORN for the principal or a value, so the revocation call cannot be made"
                : await TryAsync(() => governance.RevokeAsync(new OigRevokeRequest(call.Revocation.PrincipalOrn, orns, "API"), run.AppId, ct));
            Record(call.Chunk.Select(v => Entry(run, "REVOKE_GRANT", v.RoleId, v.ValueId, error) with { OktaUserId = call.Revocation.OktaUserId }));
            Interlocked.Add(ref error is null ? ref removedCount : ref failedCount, call.Chunk.Length);
        });

        added = addedCount;
        removed = removedCount;
        return new ApplyOutcome(added, removed, failed + failedCount, applied + added + removed, values);
    }

    /// <summary>Audit rows for a dry run: what would have been done.</summary>
    public void RecordPlanned(SyncPlan plan, RunContext run)
    {
        var entries = new List<AuditEntry>();
        entries.AddRange(plan.ValuesToCreate.Select(v => Entry(run, "CREATE_VALUE", v.RoleId, null, null) with { Outcome = "PLANNED" }));
        entries.AddRange(plan.ValuesToRename.Select(r => Entry(run, "RENAME_VALUE", r.RoleId, r.ValueId, null) with { Outcome = "PLANNED" }));
        entries.AddRange(plan.GrantsToAdd.SelectMany(g => g.RoleIds.Select(r => Entry(run, "ADD_GRANT", r, null, null) with
        {
            Outcome = "PLANNED", SlackUserId = g.SlackUserId, Email = g.Email, OktaUserId = g.OktaUserId,
        })));
        entries.AddRange(plan.Revocations.SelectMany(v => v.Values.Select(x => Entry(run, "REVOKE_GRANT", x.RoleId, x.ValueId, null) with
        {
            Outcome = "PLANNED", OktaUserId = v.OktaUserId,
        })));
        audit.Append(entries);
    }

    private static string Description(string roleId) => $"Slack system role {roleId}, synced from Slack by slack-oig-sync";

    private AuditEntry Entry(RunContext run, string action, string roleId, string? valueId, string? error) => new()
    {
        ExecutionId = run.ExecutionId,
        Action = action,
        SlackRoleId = roleId,
        OktaEntitlementValueId = valueId,
        Outcome = error is null ? "APPLIED" : "FAILED",
        Error = error,
        RecordedAt = clock.GetUtcNow().ToString("O"),
    };

    private readonly Lock _auditGate = new();

    private void Record(IEnumerable<AuditEntry> entries)
    {
        var list = entries.ToList();
        foreach (var failure in list.Where(e => e.Outcome == "FAILED"))
        {
            logger.LogError("{Action} {RoleId} for {OktaUserId} failed: {Error}", failure.Action, failure.SlackRoleId, failure.OktaUserId ?? "-", failure.Error);
        }

        lock (_auditGate)
        {
            audit.Append(list);
        }
    }

    private static async Task<string?> TryAsync(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Http.ApiException e)
        {
            return e.Message;
        }
    }
}
