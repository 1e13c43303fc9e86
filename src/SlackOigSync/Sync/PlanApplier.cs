using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SlackOigSync.Governance;
using SlackOigSync.Http;
using SlackOigSync.Progress;
using SlackOigSync.Slack;
using SlackOigSync.Storage;

namespace SlackOigSync.Sync;

/// <summary>
/// Makes a plan's changes in OIG: new values and renames in one PATCH each, one grant call per user carrying all
/// of that user's new values, revocations five value ORNs per call.
/// <para>
/// Every change is written to the audit trail as PENDING before its call and completed after it, so a crash
/// mid-call still leaves a trace. A write that fails ambiguously (no answer, or 5xx: it may have landed) is
/// never blindly repeated: grants, values and revocations are re-read and only re-sent if they did not land
/// (revocation is idempotent anyway: revoking a value no longer held changes nothing). A stop request is honoured
/// between writes, never in the middle of one.
/// </para>
/// <para>
/// No write without its durable audit row: when an audit row cannot be written (the PENDING row before a call, or
/// the outcome after it), no further call starts; calls already in flight finish and are counted in memory, and the
/// outcome says the trail failed. A row left PENDING that way is settled by the next run (<see cref="AuditReconciler"/>).
/// </para>
/// </summary>
public sealed class PlanApplier(
    GovernanceClient governance, SlackClient slack, SlackRemovalLocator slackReads, AuditRepository audit, RunProgress progress, TimeProvider clock, ILogger<PlanApplier> logger)
{
    private const int AmbiguousAttempts = 3;

    public async Task<ApplyOutcome> ApplyAsync(
        SyncPlan plan, RunContext run, IReadOnlyDictionary<string, CurrentValue> valuesByRole, int concurrency, CancellationToken stopToken)
    {
        var values = new Dictionary<string, CurrentValue>(valuesByRole, StringComparer.Ordinal);
        var tally = new Tally();
        using var halt = CancellationTokenSource.CreateLinkedTokenSource(stopToken); // a stop request, or the audit trail failed
        var trail = new Trail(audit, halt);

        if (run.EntitlementId is null)
        {
            // The entitlement does not exist yet: it is created with every value the plan creates, in one call.
            if (plan.ValuesToCreate.Count == 0 || trail.Pending([.. plan.ValuesToCreate.Select(v => Entry(run, AuditAction.CreateValue, v.RoleId, null))]) is not { } creating)
            {
                return new ApplyOutcome(0, 0, 0, 0, values) { Stopped = stopToken.IsCancellationRequested, AuditFailure = trail.Failure?.Message };
            }

            var (entitlementId, error) = await CreateEntitlementAsync(plan.ValuesToCreate, run, values);
            Complete(trail, creating, error, plan.ValuesToCreate.Count, tally, countsAsAssignments: false);
            if (entitlementId is null)
            {
                // Nothing else can be written without it: every grant of this run is left for the next one.
                return new ApplyOutcome(0, 0, tally.Failed, 0, values) { FirstError = tally.FirstError, AuditFailure = trail.Failure?.Message };
            }

            run = run with { EntitlementId = entitlementId };
            logger.LogInformation("Created entitlement {Name} ({EntitlementId}) with {Values} values: {Roles}", run.NewEntitlementName, entitlementId, plan.ValuesToCreate.Count,
                string.Join(", ", plan.ValuesToCreate.Select(v => $"{v.RoleId} {v.Name}")));
        }
        else if (plan.ValuesToCreate.Count > 0 && trail.Pending([.. plan.ValuesToCreate.Select(v => Entry(run, AuditAction.CreateValue, v.RoleId, null))]) is { } created)
        {
            var error = await CreateValuesAsync(plan.ValuesToCreate, run, values);
            Complete(trail, created, error, plan.ValuesToCreate.Count, tally, countsAsAssignments: false);
        }

        if (plan.ValuesToRename.Count > 0 && trail.Pending([.. plan.ValuesToRename.Select(r => Entry(run, AuditAction.RenameValue, r.RoleId, r.ValueId))]) is { } pending)
        {
            var error = await TryAsync(() => governance.RenameValuesAsync(run.EntitlementId!, run.AppId,
                plan.ValuesToRename.Select(r => (r.ValueId, new NewEntitlementValue(r.NewName, r.RoleId, ManagedEntitlement.ValueDescription(r.RoleId)))),
                CancellationToken.None));
            Complete(trail, pending, error?.Message, plan.ValuesToRename.Count, tally, countsAsAssignments: false);
        }

        using var writing = progress.Start("Writing to OIG", "grant and revoke calls", plan.GrantsToAdd.Count + plan.Revocations.Sum(r => (r.Values.Count + 4) / 5));
        await ForEachUntilStopped(plan.GrantsToAdd, concurrency, async grant =>
        {
            using var counted = new CountOnExit(writing);
            if (trail.Pending([.. grant.RoleIds.Select(r => Entry(run, AuditAction.AddGrant, r, values.GetValueOrDefault(r)?.ValueId) with
            {
                SlackUserId = grant.SlackUserId, Email = grant.Email, OktaUserId = grant.OktaUserId,
            })]) is not { } pending)
            {
                return;
            }

            var missing = grant.RoleIds.Where(r => !values.ContainsKey(r)).ToList();
            var error = missing.Count > 0
                ? $"no OIG value exists for {string.Join(", ", missing)} (creating it failed)"
                : await AddGrantAsync(grant, run, values);
            Complete(trail, pending, error, grant.RoleIds.Count, tally, countsAsAssignments: true, added: true);
        }, halt.Token);

        if (plan.RevocationsBlocked is null)
        {
            var calls = plan.Revocations.SelectMany(r => r.Values.Chunk(5).Select(chunk => (Revocation: r, Chunk: chunk))).ToList();
            await ForEachUntilStopped(calls, concurrency, async call =>
            {
                using var counted = new CountOnExit(writing);
                if (trail.Pending([.. call.Chunk.Select(v => Entry(run, AuditAction.RevokeGrant, v.RoleId, v.ValueId) with { OktaUserId = call.Revocation.OktaUserId })]) is not { } pending)
                {
                    return;
                }

                var orns = call.Chunk.Select(v => v.ValueOrn).OfType<string>().ToList();
                var error = call.Revocation.PrincipalOrn is null || orns.Count != call.Chunk.Length
                    ? "OIG returned no ORN for the principal or a value, so the revocation call cannot be made"
                    : await RevokeAsync(call.Revocation.PrincipalOrn, orns, run, call.Revocation.OktaUserId, [.. call.Chunk.Select(v => v.ValueId)]);
                Complete(trail, pending, error, call.Chunk.Length, tally, countsAsAssignments: true, added: false);
            }, halt.Token);

            await RemoveFromSlackAsync(plan.SlackRemovals, run, trail, tally, halt.Token);
        }

        var removedPairs = await SlackRemovalsVerifiedAsync(plan.SlackRemovals, tally);

        return new ApplyOutcome(tally.Added, tally.Removed, tally.Failed, tally.Applied, values)
        {
            EntitlementId = run.EntitlementId,
            RemovedFromSlack = tally.RemovedFromSlack,
            RemovedFromSlackPairs = removedPairs,
            FirstError = tally.FirstError,
            Stopped = stopToken.IsCancellationRequested,
            AuditFailure = trail.Failure?.Message,
        };
    }

    /// <summary>Audit rows for a dry run: what would have been done.</summary>
    public void RecordPlanned(SyncPlan plan, RunContext run)
    {
        var entries = new List<AuditEntry>();
        entries.AddRange(plan.ValuesToCreate.Select(v => Entry(run, AuditAction.CreateValue, v.RoleId, null)));
        entries.AddRange(plan.ValuesToRename.Select(r => Entry(run, AuditAction.RenameValue, r.RoleId, r.ValueId)));
        entries.AddRange(plan.GrantsToAdd.SelectMany(g => g.RoleIds.Select(r => Entry(run, AuditAction.AddGrant, r, null) with
        {
            SlackUserId = g.SlackUserId, Email = g.Email, OktaUserId = g.OktaUserId,
        })));
        entries.AddRange(plan.Revocations.SelectMany(v => v.Values.Select(x => Entry(run, AuditAction.RevokeGrant, x.RoleId, x.ValueId) with { OktaUserId = v.OktaUserId })));
        entries.AddRange(plan.SlackRemovals.SelectMany(r => r.Holdings.Select(h => SlackRemovalEntry(run, r, h))));
        audit.Append([.. entries.Select(e => e with { Outcome = plan.RevocationsBlocked is not null && e.Action is AuditAction.RevokeGrant or AuditAction.RemoveSlackRole ? AuditOutcome.Blocked : AuditOutcome.Planned })]);
    }

    /// <summary>
    /// Removes roles in Slack: one admin.roles.removeAssignments call per role and set of entities, at most ten users
    /// and ten entities each, one after another (Tier 2). Each account × role is audited PENDING first; an account or
    /// entity Slack refuses leaves that account's row FAILED with Slack's reason.
    /// </summary>
    private async Task RemoveFromSlackAsync(IReadOnlyList<SlackRoleRemoval> removals, RunContext run, Trail trail, Tally tally, CancellationToken stopToken)
    {
        var calls = removals
            .SelectMany(r => r.Holdings.Select(h => (Removal: r, Holding: h)))
            .GroupBy(x => (x.Removal.RoleId, Entities: string.Join(',', x.Holding.EntityIds)))
            .OrderBy(g => g.Key.RoleId, StringComparer.Ordinal).ThenBy(g => g.Key.Entities, StringComparer.Ordinal)
            .SelectMany(g => g.Chunk(SlackClient.MaxIdsPerRoleChange).SelectMany(users =>
                users[0].Holding.EntityIds.Chunk(SlackClient.MaxIdsPerRoleChange).Select(entities => (g.Key.RoleId, Users: users, Entities: entities))))
            .ToList();
        foreach (var call in calls)
        {
            if (stopToken.IsCancellationRequested || trail.Pending([.. call.Users.Select(u => SlackRemovalEntry(run, u.Removal, u.Holding))]) is not { } pending)
            {
                return;
            }

            SlackRoleChangeResult result;
            var ambiguous = false;
            try
            {
                result = await slack.RemoveRoleAssignmentsAsync(call.RoleId, [.. call.Users.Select(u => u.Holding.SlackUserId)], call.Entities, CancellationToken.None);
            }
            catch (ApiException e) when (IsAmbiguous(e))
            {
                // No answer, or a server error: it may have landed. Slack's listing says, account by account.
                result = await LandedAsync(call.RoleId, [.. call.Users.Select(u => u.Holding.SlackUserId)], call.Entities, e);
                ambiguous = true;
            }
            catch (ApiException e)
            {
                for (var i = 0; i < call.Users.Length; i++)
                {
                    tally.RecordSlackRemoval(e.Message);
                }

                logger.LogError("Change failed: {Error}", e.Message);
                trail.Complete(pending, AuditOutcome.Failed, e.Message, clock.GetUtcNow());
                continue;
            }

            var refusedEntities = result.RejectedEntities.Count == 0 ? null
                : $"Slack refused entity {string.Join(", ", result.RejectedEntities.Select(kv => $"{kv.Key} ({kv.Value})"))}, so the role may still be held there";
            for (var i = 0; i < call.Users.Length; i++)
            {
                var holding = call.Users[i].Holding;
                var error = result.RejectedUsers.TryGetValue(holding.SlackUserId, out var why)
                    ? ambiguous ? $"removing {call.RoleId} from {holding.SlackUserId} got no clear answer ({why})" : $"Slack refused to remove {call.RoleId} from {holding.SlackUserId} ({why})"
                    : refusedEntities;
                tally.RecordSlackRemoval(error);
                if (error is not null)
                {
                    logger.LogError("Change failed: {Error}", error);
                }

                trail.Complete([pending[i]], error is null ? AuditOutcome.Applied : AuditOutcome.Failed, error, clock.GetUtcNow());
            }
        }
    }

    /// <summary>After an ambiguous failure: the accounts Slack still lists with the role on any of the call's entities did not lose it (refused with the failure).</summary>
    private async Task<SlackRoleChangeResult> LandedAsync(string roleId, IReadOnlyCollection<string> accounts, IReadOnlyCollection<string> entities, ApiException failure)
    {
        try
        {
            var now = await slackReads.EntitiesAsync(new HashSet<string>(StringComparer.Ordinal) { roleId }, accounts.ToHashSet(StringComparer.Ordinal), CancellationToken.None);
            var stillHeld = accounts.Where(a => now.TryGetValue((a, roleId), out var held) && held.Overlaps(entities)).ToList();
            logger.LogWarning("Removing {RoleId} in Slack failed ambiguously ({Error}); Slack's listing shows it removed from {Landed} of {Total} account(s)", roleId, failure.Code, accounts.Count - stillHeld.Count, accounts.Count);
            return new SlackRoleChangeResult(stillHeld.ToDictionary(a => a, _ => $"{failure.Code}, and Slack still lists the role", StringComparer.Ordinal), new Dictionary<string, string>());
        }
        catch (ApiException e)
        {
            return new SlackRoleChangeResult(accounts.ToDictionary(a => a, _ => $"{failure.Message}; whether it landed could not be read: {e.Message}", StringComparer.Ordinal), new Dictionary<string, string>());
        }
    }

    /// <summary>
    /// The user × role pairs Slack no longer lists for any of the user's accounts, read after the removals: only these
    /// are settled (closed as removed in Slack); the rest stay open for the next run. No removal, or a failed read: none.
    /// </summary>
    private async Task<IReadOnlyList<(string OktaUserId, string RoleId)>> SlackRemovalsVerifiedAsync(IReadOnlyList<SlackRoleRemoval> removals, Tally tally)
    {
        if (removals.Count == 0 || tally.RemovedFromSlack == 0)
        {
            return [];
        }

        try
        {
            var roles = removals.Select(r => r.RoleId).ToHashSet(StringComparer.Ordinal);
            var accounts = removals.SelectMany(r => r.Holdings.Select(h => h.SlackUserId)).ToHashSet(StringComparer.Ordinal);
            var now = await slackReads.EntitiesAsync(roles, accounts, CancellationToken.None);
            var gone = removals.Where(r => r.Holdings.All(h => !now.ContainsKey((h.SlackUserId, r.RoleId)))).Select(r => (r.OktaUserId, r.RoleId)).ToList();
            var left = removals.Count(r => r.Holdings.Any(h => now.ContainsKey((h.SlackUserId, r.RoleId))));
            if (left > 0)
            {
                logger.LogWarning("Slack still lists {Left} of the {Total} role(s) the run removed there (on an entity it refused, or given again); they stay open for the next run", left, removals.Count);
            }

            return gone;
        }
        catch (ApiException e)
        {
            logger.LogWarning("Could not re-read Slack after removing roles there ({Error}); the next run settles them", e.Message);
            return [];
        }
    }

    private AuditEntry SlackRemovalEntry(RunContext run, SlackRoleRemoval removal, SlackHolding holding) =>
        Entry(run, AuditAction.RemoveSlackRole, removal.RoleId, null) with { SlackUserId = holding.SlackUserId, Email = removal.Email, OktaUserId = removal.OktaUserId };

    /// <summary>
    /// Creates the entitlement with its values; after an ambiguous failure (no answer, 5xx) it looks for it before
    /// sending again, so a retry never makes a second entitlement. Reads the values back for their ids and ORNs.
    /// </summary>
    private async Task<(string? EntitlementId, string? Error)> CreateEntitlementAsync(IReadOnlyList<ValueToCreate> toCreate, RunContext run, Dictionary<string, CurrentValue> values)
    {
        var newValues = toCreate.Select(v => new NewEntitlementValue(v.Name, v.RoleId, ManagedEntitlement.ValueDescription(v.RoleId))).ToList();
        ApiException? failure = null;
        string? entitlementId = null;
        for (var attempt = 1; attempt <= AmbiguousAttempts && entitlementId is null; attempt++)
        {
            OigEntitlement? created = null;
            failure = await TryAsync(async () => created = await governance.CreateEntitlementAsync(
                run.AppId, run.NewEntitlementName, run.EntitlementExternalValue, ManagedEntitlement.Description, newValues, CancellationToken.None));
            if (created is not null)
            {
                entitlementId = created.Id;
                break;
            }

            if (failure is null || !IsAmbiguous(failure))
            {
                break;
            }

            OigEntitlement? found = null;
            var lookFailure = await TryAsync(async () => found = await governance.FindEntitlementAsync(run.AppId, run.EntitlementExternalValue, CancellationToken.None));
            if (lookFailure is not null)
            {
                return (null, $"{failure.Message}; and whether it landed could not be read: {lookFailure.Message}");
            }

            entitlementId = found?.Id;
            logger.LogWarning("Creating the entitlement failed ambiguously ({Error}); a re-read shows it {Landed}", failure.Code, found is null ? "did not land; sending it again" : "landed");
        }

        if (entitlementId is null)
        {
            return (null, failure?.Message ?? "the entitlement was not created");
        }

        var reread = await TryAsync(async () =>
        {
            foreach (var v in await governance.ListValuesAsync(entitlementId, run.AppId, CancellationToken.None))
            {
                values[v.ExternalValue] = new CurrentValue(v.Id, v.ExternalValue, v.Name ?? v.ExternalValue, v.Orn);
            }
        });
        var missing = toCreate.Where(v => !values.ContainsKey(v.RoleId)).Select(v => v.RoleId).ToList();
        return (entitlementId, reread?.Message ?? (missing.Count == 0 ? null : $"the created entitlement lacks the values {string.Join(", ", missing)}"));
    }

    private async Task<string?> CreateValuesAsync(IReadOnlyList<ValueToCreate> toCreate, RunContext run, Dictionary<string, CurrentValue> values)
    {
        string? error = null;
        for (var attempt = 1; attempt <= AmbiguousAttempts; attempt++)
        {
            var missing = toCreate.Where(v => !values.ContainsKey(v.RoleId)).ToList();
            if (missing.Count == 0)
            {
                return null;
            }

            var failure = await TryAsync(() => governance.AddValuesAsync(run.EntitlementId!, run.AppId,
                missing.Select(v => new NewEntitlementValue(v.Name, v.RoleId, ManagedEntitlement.ValueDescription(v.RoleId))),
                CancellationToken.None));
            error = failure?.Message;

            // PATCH answers with the values it touched, but a fresh read is the source of ids and ORNs either way,
            // and after an ambiguous failure it tells whether the PATCH landed.
            if (failure is null || IsAmbiguous(failure))
            {
                var reread = await TryAsync(async () =>
                {
                    foreach (var v in await governance.ListValuesAsync(run.EntitlementId!, run.AppId, CancellationToken.None))
                    {
                        values[v.ExternalValue] = new CurrentValue(v.Id, v.ExternalValue, v.Name ?? v.ExternalValue, v.Orn);
                    }
                });
                error ??= reread?.Message;
            }

            if (failure is null || !IsAmbiguous(failure))
            {
                break;
            }
        }

        return toCreate.All(v => values.ContainsKey(v.RoleId)) ? null : error ?? "the values were not found after creating them";
    }

    private async Task<string?> AddGrantAsync(GrantToAdd grant, RunContext run, Dictionary<string, CurrentValue> values)
    {
        var valueIds = grant.RoleIds.Select(r => values[r].ValueId).ToList();
        ApiException? failure = null;
        for (var attempt = 1; attempt <= AmbiguousAttempts; attempt++)
        {
            failure = await TryAsync(() => governance.GrantAsync(run.AppId, run.EntitlementId!, grant.OktaUserId, valueIds, CancellationToken.None));
            if (failure is null || !IsAmbiguous(failure))
            {
                break;
            }

            // It may have landed: look before sending it again, so a retry never makes a duplicate grant.
            var held = await HeldValueIdsAsync(run, grant.OktaUserId);
            if (held is not null && grant.RoleIds.All(r => held.Contains(values[r].ValueId)))
            {
                logger.LogInformation("Grant for {OktaUserId} failed ambiguously ({Error}) but a re-read shows it landed", grant.OktaUserId, failure.Code);
                return null;
            }

            logger.LogWarning("Grant for {OktaUserId} failed ambiguously ({Error}) and a re-read shows it did not land; sending it again", grant.OktaUserId, failure.Code);
        }

        return failure?.Message;
    }

    private async Task<string?> RevokeAsync(string principalOrn, IReadOnlyList<string> valueOrns, RunContext run, string oktaUserId, IReadOnlyCollection<string> valueIds)
    {
        ApiException? failure = null;
        for (var attempt = 1; attempt <= AmbiguousAttempts; attempt++)
        {
            failure = await TryAsync(() => governance.RevokeAsync(principalOrn, valueOrns, run.AppId, CancellationToken.None));
            if (failure is null || !IsAmbiguous(failure))
            {
                break;
            }

            // It may have landed: a re-read tells. Sending it again would be harmless too (revoking is idempotent),
            // but the re-read also settles the case where every attempt loses its answer.
            var held = await HeldValueIdsAsync(run, oktaUserId);
            if (held is not null && !valueIds.Any(held.Contains))
            {
                logger.LogInformation("Revocation for {OktaUserId} failed ambiguously ({Error}) but a re-read shows it landed", oktaUserId, failure.Code);
                return null;
            }

            logger.LogWarning("Revocation for {OktaUserId} failed ambiguously ({Error}) and a re-read shows it did not land; sending it again", oktaUserId, failure.Code);
        }

        return failure?.Message;
    }

    private async Task<HashSet<string>?> HeldValueIdsAsync(RunContext run, string oktaUserId)
    {
        try
        {
            var held = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var g in governance.StreamGrantsAsync(run.AppId, run.EntitlementId!, oktaUserId, CancellationToken.None))
            {
                if (g.IsActive)
                {
                    held.UnionWith((g.Entitlements ?? []).Where(e => e.Id == run.EntitlementId).SelectMany(e => e.Values ?? []).Select(v => v.Id));
                }
            }

            return held;
        }
        catch (ApiException e)
        {
            logger.LogWarning("Could not re-read {OktaUserId}'s grants after an ambiguous failure: {Error}", oktaUserId, e.Message);
            return null;
        }
    }

    private static async Task ForEachUntilStopped<T>(IEnumerable<T> items, int concurrency, Func<T, Task> write, CancellationToken stopToken)
    {
        if (stopToken.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = stopToken }, async (item, _) => await write(item));
        }
        catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
        {
            // Stop requested (or the audit trail failed): writes in flight finished; the rest were not started.
        }
    }

    /// <summary>No answer at all, or a server error: the write may or may not have been applied.</summary>
    private static bool IsAmbiguous(ApiException e) => e.StatusCode is null || e.StatusCode >= 500;

    /// <summary>Counts the call's outcome in memory first (it happened, whatever the trail can record), then records it.</summary>
    private void Complete(Trail trail, IReadOnlyList<long> pending, string? error, int changes, Tally tally, bool countsAsAssignments, bool added = false)
    {
        tally.Record(error, changes, countsAsAssignments, added);
        if (error is not null)
        {
            logger.LogError("Change failed: {Error}", error);
        }

        trail.Complete(pending, error is null ? AuditOutcome.Applied : AuditOutcome.Failed, error, clock.GetUtcNow());
    }

    private AuditEntry Entry(RunContext run, AuditAction action, string roleId, string? valueId) => new()
    {
        ExecutionId = run.ExecutionId,
        Action = action,
        SlackRoleId = roleId,
        OktaEntitlementValueId = valueId,
        Outcome = AuditOutcome.Pending,
        RecordedAt = clock.GetUtcNow(),
    };

    private static async Task<ApiException?> TryAsync(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (ApiException e)
        {
            return e;
        }
    }

    /// <summary>
    /// The audit trail as the writers use it: the first failure to write it halts every further call, and is kept
    /// (as a storage failure naming the file) for the run's error message.
    /// </summary>
    private sealed class Trail(AuditRepository audit, CancellationTokenSource halt)
    {
        private readonly Lock _gate = new();

        public StorageException? Failure { get; private set; }

        /// <summary>Records the changes as PENDING; null if the call must not be made (halted, or the rows could not be written).</summary>
        public IReadOnlyList<long>? Pending(IReadOnlyCollection<AuditEntry> entries)
        {
            if (halt.IsCancellationRequested)
            {
                return null;
            }

            IReadOnlyList<long> ids;
            try
            {
                ids = audit.AppendPending(entries);
            }
            catch (Exception e) when (e is SqliteException or StorageException)
            {
                Fail(e);
                return null;
            }

            if (halt.IsCancellationRequested && Failure is not null)
            {
                // Another writer found the trail broken meanwhile: this call is not made either.
                Complete(ids, AuditOutcome.Failed, "not sent: the audit trail could not be written, so writing to OIG stopped", null);
                return null;
            }

            return ids;
        }

        public void Complete(IReadOnlyList<long> ids, AuditOutcome outcome, string? error, DateTimeOffset? recordedAt)
        {
            try
            {
                audit.Complete(ids, outcome, error, recordedAt ?? DateTimeOffset.UtcNow);
            }
            catch (Exception e) when (e is SqliteException or StorageException)
            {
                Fail(e);
            }
        }

        private void Fail(Exception e)
        {
            lock (_gate)
            {
                Failure ??= StorageException.Of(e, audit.DatabasePath);
            }

            halt.Cancel();
        }
    }

    /// <summary>Counts one call into the progress phase when it is done, whatever its outcome.</summary>
    private readonly struct CountOnExit(ProgressPhase phase) : IDisposable
    {
        public void Dispose() => phase.Add();
    }

    /// <summary>Counts shared by parallel writers.</summary>
    private sealed class Tally
    {
        private readonly Lock _gate = new();

        public int Added { get; private set; }
        public int Removed { get; private set; }
        public int Failed { get; private set; }
        public int Applied { get; private set; }
        public int RemovedFromSlack { get; private set; }
        public string? FirstError { get; private set; }


        /// <summary>One account × role removed in Slack (or refused, with Slack's reason).</summary>
        public void RecordSlackRemoval(string? error)
        {
            lock (_gate)
            {
                if (error is not null)
                {
                    Failed++;
                    FirstError ??= error;
                    return;
                }

                Applied++;
                RemovedFromSlack++;
            }
        }

        public void Record(string? error, int changes, bool countsAsAssignments, bool added)
        {
            lock (_gate)
            {
                if (error is not null)
                {
                    Failed += changes;
                    FirstError ??= error;
                    return;
                }

                Applied += changes;
                if (countsAsAssignments)
                {
                    (Added, Removed) = added ? (Added + changes, Removed) : (Added, Removed + changes);
                }
            }
        }
    }
}
