using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SlackOigSync.Configuration;
using SlackOigSync.Http;
using SlackOigSync.Progress;
using SlackOigSync.Storage;

namespace SlackOigSync.Sync;

/// <summary>
/// One run, as the design brief's data flow: open the execution, read Slack, resolve people, read OIG, plan,
/// apply (unless dry run), verify, close. Any failed read ends the run FAILED before anything is written to OIG.
/// </summary>
public sealed class SyncRunner(
    AppSettings settings,
    RoleCatalogue catalogue,
    SourceReader sources,
    UserResolver resolver,
    RevocationConfirmer confirmer,
    PlanApplier applier,
    AuditReconciler reconciler,
    ExecutionLogRepository executions,
    RoleMappingRepository mappings,
    IdentityLinkRepository identityLinks,
    FindingRepository findings,
    GrantMemory memory,
    SlackRemovalLocator removalLocator,
    LeaseKeeper leaseKeeper,
    RunMetrics metrics,
    RunProgress progress,
    TimeProvider clock,
    ILogger<SyncRunner> logger)
{
    public async Task<SyncResult> RunAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        var executionId = $"slack-sync-{Guid.NewGuid()}-{started.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}";
        var stopwatch = Stopwatch.StartNew();
        metrics.Reset();
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["ExecutionId"] = executionId });
        executions.Open(executionId, started, dryRun);
        logger.LogInformation("Sync started{DryRun}", dryRun ? " (dry run: nothing will be written to OIG)" : string.Empty);

        SyncResult result;
        using var reporting = new CancellationTokenSource();
        var reporter = progress.ReportAsync(reporting.Token);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            // A dry run writes nothing but its own rows, so it takes no lease.
            await using var held = dryRun ? null : leaseKeeper.Acquire(executionId, stop);
            if (!dryRun)
            {
                foreach (var interrupted in executions.CloseInterrupted(executionId, started))
                {
                    logger.LogWarning("Closed {Interrupted} as FAILED (interrupted): it was left RUNNING by a process that stopped", interrupted);
                }
            }

            result = await RunCoreAsync(executionId, dryRun, stop.Token);
        }
        catch (Exception e) when (e is ApiException or LeaseUnavailableException or SyncAbortedException)
        {
            logger.LogError("Sync failed: {Error}", e.Message);
            result = new SyncResult { ExecutionId = executionId, Status = SyncStatus.Failed, DryRun = dryRun, ErrorMessage = e.Message };
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            logger.LogWarning("Sync stopped before applying anything");
            result = new SyncResult { ExecutionId = executionId, Status = SyncStatus.Failed, DryRun = dryRun, ErrorMessage = "stopped (shutdown requested or lease lost) before anything was applied" };
        }
        catch (Exception e) when (e is SqliteException or StorageException)
        {
            // The database failed (locked, full, read-only, damaged): close the run FAILED if it still lets us.
            var failure = StorageException.Of(e, settings.Sync.DatabasePath);
            logger.LogError("Sync failed: {Error}", failure.Message);
            logger.LogDebug(e, "Storage failure");
            result = new SyncResult { ExecutionId = executionId, Status = SyncStatus.Failed, DryRun = dryRun, ErrorMessage = failure.Message };
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A fault of ours or of the machine (a bug): still close the run as FAILED; the stack trace only with --verbose.
            var message = SecretScrubber.Scrub($"unexpected {e.GetType().Name}: {e.Message.TrimEnd('.')}. Run again with --verbose for details");
            logger.LogError("Sync failed: {Error}", message);
            logger.LogDebug(e, "Unexpected failure");
            result = new SyncResult { ExecutionId = executionId, Status = SyncStatus.Failed, DryRun = dryRun, ErrorMessage = message };
        }
        finally
        {
            await reporting.CancelAsync();
            await reporter;
        }

        result = result with { DurationSeconds = stopwatch.Elapsed.TotalSeconds };
        executions.Close(new ExecutionRecord
        {
            ExecutionId = executionId,
            StartTime = started,
            EndTime = clock.GetUtcNow(),
            DurationSeconds = Math.Round(result.DurationSeconds, 3),
            Status = RunStatusOf(result.Status),
            TotalSlackUsers = result.TotalSlackUsers,
            TotalEntitlementsSynced = result.RolesSynced,
            AssignmentsAdded = result.Added,
            AssignmentsRemoved = result.Removed,
            UsersNotInOkta = JsonSerializer.Serialize(result.Resolution?.Unresolved.Select(u => u.Identifier).ToList() ?? [], StorageJsonContext.Default.ListString),
            ErrorMessage = result.ErrorMessage,
            DryRun = dryRun,
            ExitCode = result.ExitCode,
            ChangesFailed = result.Failed,
            ApiRequests = metrics.Requests,
            ApiRetries = metrics.Retries,
            ApiWaitMs = metrics.WaitMilliseconds,
            ApiBackoffMs = metrics.BackoffMilliseconds,
            GrantsKeptUnresolved = result.Plan?.Kept.Count ?? 0,
            IdentityConflicts = result.Resolution?.Conflicts.Count() ?? 0,
            RevocationsHeld = result.Held.Count,
            LinksMoved = result.MovedLinks.Count,
            OigRevocations = result.Plan?.OigRevocations.Count ?? 0,
            SlackRolesRemoved = result.RemovedFromSlack,
        });
        logger.LogInformation(
            "Sync finished {Status}: {Added} added, {Removed} removed, {Failed} failed, {Kept} kept (identity unresolved), {Held} revocations held, {Inactive} held by grants not active, {NotInOkta} not in Okta, {Requests} API requests, {Retries} retries, {WaitMs} ms waiting on rate limits, {BackoffMs} ms backing off after errors, {Seconds:F1}s, peak working set {PeakMb} MB",
            StatusText(result.Status), result.Added, result.Removed, result.Failed, result.Plan?.Kept.Count ?? 0, result.Held.Count, result.Plan?.HeldByInactiveGrants.Count ?? 0, result.Resolution?.Unresolved.Count ?? 0,
            metrics.Requests, metrics.Retries, metrics.WaitMilliseconds, metrics.BackoffMilliseconds, result.DurationSeconds, PeakWorkingSetMb());
        return result;
    }

    private async Task<SyncResult> RunCoreAsync(string executionId, bool dryRun, CancellationToken cancellationToken)
    {
        var appId = settings.Okta.SlackAppId!;

        // Nothing is written until all three sources have been read completely; any failed read ends the run here.
        var snapshot = await sources.ReadAsync(cancellationToken);
        var holders = snapshot.Holders;
        var (entitlement, values, grants) = (snapshot.Entitlement, snapshot.Values, snapshot.Grants);
        var reconciled = dryRun ? AuditReconciliation.None : reconciler.Reconcile(executionId, grants, values, holders.RolesByUser); // earlier runs' PENDING/UNKNOWN rows, against what OIG holds now
        var rolesByUser = holders.RolesByUser;
        var slackRoles = holders.Roles;
        logger.LogInformation("Slack: {Assignments} role assignments, {Users} users, {Roles} roles", holders.Assignments, rolesByUser.Count, slackRoles.Count);
        foreach (var unknown in slackRoles.Where(r => !catalogue.IsKnown(r)).Order(StringComparer.Ordinal))
        {
            logger.LogWarning("Slack role {RoleId} is not in the role catalogue; syncing it as '{Name}'. Add it to {Path} to name it", unknown, RoleCatalogue.FallbackName(unknown), settings.Sync.RoleCataloguePath);
        }

        var appUsers = snapshot.AppUsers;
        var resolution = await resolver.ResolveAsync(rolesByUser.Keys, appUsers, settings.Sync.LookupConcurrency, settings.Sync.BulkLookup, cancellationToken);
        logger.LogInformation(
            "People: {Resolved} resolved ({ByExternalId} through the app's users, {ByEmail} by email), {Unresolved} unresolved ({Conflicts} in conflict), {Deleted} deleted, {Bots} bot(s); {Looked} Slack user(s) looked up by email",
            resolution.Resolved.Count, resolution.Resolved.Values.Count(r => r.ResolvedBy == LinkSource.ExternalId), resolution.Resolved.Values.Count(r => r.ResolvedBy != LinkSource.ExternalId),
            resolution.Unresolved.Count, resolution.Conflicts.Count(), resolution.DeletedSlackUsers.Count, resolution.BotSlackUsers.Count, resolution.LookedUp);
        RepeatedWarning.Log(logger, [.. resolution.Conflicts], "Slack user(s) in an identity conflict; nothing is granted to any of their claimants and grants already held are kept",
            c => $"{c.SlackUserId}: {c.Detail}");

        // Who is who, with the memory of earlier runs: an unresolved holder keeps what their remembered Okta user holds.
        var identities = new IdentityMap(resolution, appUsers.ByExternalId, identityLinks.All());
        var (protectedGrants, unattributedRoles) = identities.Protection(rolesByUser);
        var moved = identities.Moved(rolesByUser);
        RepeatedWarning.Log(logger, moved, "Slack user(s) now resolve to another Okta user than the one remembered; their roles move with them",
            m => $"{m.SlackUserId} from {m.FromOktaUserId} to {m.ToOktaUserId}");
        RepeatedWarning.Log(logger, resolution.NotAssignedToApp, "Okta user(s) hold Slack roles but are not assigned to the Slack app in Okta (or their externalId is not set)",
            u => $"{u.OktaUserId} ({u.Email})");

        var desired = resolution.Resolved.Values
            .Select(r => new DesiredUser(r.OktaUserId, r.SlackUserId, r.Email, rolesByUser[r.SlackUserId]))
            .ToList();
        // Every catalogue name (so values of roles Slack no longer lists can still be renamed), plus a fallback for unknown roles.
        var roleNames = new Dictionary<string, string>(catalogue.Names, StringComparer.Ordinal);
        foreach (var unknown in slackRoles.Where(r => !catalogue.IsKnown(r)))
        {
            roleNames[unknown] = RoleCatalogue.FallbackName(unknown);
        }

        // A missing entitlement is created by the applier, with every value the plan creates, audited like any write.
        var entitlementMissing = entitlement is null && slackRoles.Count > 0;
        if (entitlement is not null)
        {
            logger.LogInformation("Adopted entitlement {Name} ({EntitlementId}): {Values} values, {Grants} grants ({NotActive} not active)", entitlement.Name, entitlement.Id, values.Count, grants.Count, grants.Count(g => !g.IsActive));
        }

        // The memory of earlier runs: what the sync's grants held when the last run ended, and revocations made in OIG already recorded.
        var (rememberedHeld, openOigRevocations) = memory.Load();
        var guard = new RevocationGuard(settings.Sync.MaxRevocationShare, settings.Sync.MaxRevocations, settings.Sync.AllowMassRevocation);
        PlanInput Input(IReadOnlyCollection<CurrentGrant> current, IEnumerable<CurrentValue> currentValues) => new(desired, slackRoles, roleNames, currentValues, current)
        {
            Guard = guard, Protected = protectedGrants, UnattributedRoles = unattributedRoles, KnownOktaUsers = identities.KnownOktaUsers, MovedLinks = moved,
            RememberedHeld = rememberedHeld, OpenOigRevocations = openOigRevocations, OnOigRevocation = settings.Sync.OnOigRevocation,
        };
        var plan = SyncPlanner.Plan(Input(grants, values.Values));
        logger.LogInformation(
            "Plan: {CreateValues} values to create, {Renames} to rename, {Add} role grants to add for {AddUsers} users, {Remove} to revoke from {RemoveUsers} users, {Kept} kept (identity unresolved), {Inactive} held by grants not active, {LeftAlone} left alone",
            plan.ValuesToCreate.Count, plan.ValuesToRename.Count, plan.AssignmentsToAdd, plan.GrantsToAdd.Count, plan.AssignmentsToRemove, plan.Revocations.Count, plan.Kept.Count, plan.HeldByInactiveGrants.Count, plan.LeftAlone.Count);
        var blocked = plan.RevocationsBlocked is not null;

        // Confirm: a second read of Slack for the roles to revoke; pairs the two reads disagree on are held.
        var (confirmedPlan, held) = await confirmer.ConfirmAsync(plan, identities, resolution.DeletedSlackUsers.Concat(resolution.BotSlackUsers).ToHashSet(StringComparer.Ordinal), cancellationToken);
        plan = confirmedPlan;
        var contradicted = 0;

        var run = new RunContext(executionId, appId, entitlement?.Id)
        {
            NewEntitlementName = settings.Sync.EntitlementName, EntitlementExternalValue = settings.Sync.EntitlementExternalValue,
        };
        if (plan.SlackRemovals.Count > 0 && plan.RevocationsBlocked is null)
        {
            // A fresh look at both sides before taking a role away in Slack: OIG still without the grant, and where Slack holds it.
            var (confirmed, disagreed) = await removalLocator.LocateAsync(plan.SlackRemovals, run, values, cancellationToken);
            plan = plan with { SlackRemovals = confirmed };
            held = [.. held, .. disagreed];
            contradicted = disagreed.Count;
        }

        // What the run leaves to a person, as sentences; logged once here, and the run's message at the end.
        var notes = RunOutcome.Of(plan, held, contradicted, settings.Sync.OnOigRevocation, dryRun);
        if (notes.Blocked is not null)
        {
            logger.LogError("{Blocked}", notes.Blocked);
        }

        if (notes.Held is not null)
        {
            logger.LogWarning("{Held}", notes.Held);
        }

        LogOigRevocations(plan);
        RepeatedWarning.Log(logger, plan.HeldByInactiveGrants, "user × role pair(s) are held through a grant that is not active in OIG (not granted again, not revoked)",
            h => $"Okta user {h.OktaUserId}, role {h.RoleId}: {h.Describe()}");
        findings.Append(RunFindings.Of(executionId, plan, resolution, held, moved, settings.Sync.OnOigRevocation));

        var result = new SyncResult
        {
            ExecutionId = executionId,
            Status = SyncStatus.Success,
            DryRun = dryRun,
            Plan = plan,
            Resolution = resolution,
            EntitlementCreated = entitlementMissing,
            SlackAssignments = holders.Assignments,
            TotalSlackUsers = rolesByUser.Count,
            RolesSynced = slackRoles.Count,
            Held = held,
            MovedLinks = moved,
            Reconciled = reconciled,
            OnOigRevocation = settings.Sync.OnOigRevocation,
        };
        if (dryRun)
        {
            applier.RecordPlanned(plan, run);
            var (planned, plannedMessage) = RunOutcome.OfDryRun(notes);
            return result with { Status = planned, ErrorMessage = plannedMessage };
        }

        var outcome = await applier.ApplyAsync(plan, run, values, settings.Sync.WriteConcurrency, cancellationToken);
        var entitlementId = outcome.EntitlementId;
        result = result with { RemovedFromSlack = outcome.RemovedFromSlack };
        var failedAfterApplying = result with { Status = SyncStatus.Failed, Added = outcome.Added, Removed = outcome.Removed, Failed = outcome.Failed };
        if (outcome.AuditFailure is not null)
        {
            logger.LogError("The audit trail could not be written; no further change was sent to OIG after {Applied} applied", outcome.Applied);
            return failedAfterApplying with { ErrorMessage = $"The audit trail could not be written, so no further change was sent to OIG after {outcome.Applied} applied ({outcome.Added} added, {outcome.Removed} removed; a change whose outcome could not be recorded stays PENDING until the next run reconciles it against OIG): {outcome.AuditFailure}" };
        }

        try
        {
            mappings.Upsert(
                outcome.ValuesByRole.Values.Where(v => slackRoles.Contains(v.RoleId))
                    .Select(v => (v.RoleId, roleNames.GetValueOrDefault(v.RoleId) ?? v.Name, entitlementId!, v.ValueId)),
                clock.GetUtcNow());

            // A blocked run keeps the old link of a moved holder, so that the move is weighed again by the next run's guard.
            var movedHolders = moved.Select(m => m.SlackUserId).ToHashSet(StringComparer.Ordinal);
            identityLinks.Save([.. identities.LinksToSave(clock.GetUtcNow()).Where(l => !blocked || !movedHolders.Contains(l.SlackUserId))]);
        }
        catch (SqliteException e)
        {
            // The changes are made and audited; only the sync's memory could not be saved. Keep the counts of what was applied.
            var failure = StorageException.From(e, settings.Sync.DatabasePath);
            logger.LogError("Sync failed after applying: {Error}", failure.Message);
            return failedAfterApplying with { ErrorMessage = $"{outcome.Applied} change(s) were applied and audited, but the role mapping and identity links could not be saved: {failure.Message}" };
        }

        if (outcome.Stopped)
        {
            var applied = outcome.Applied;
            logger.LogWarning("Stopped between writes after {Applied} applied change(s)", applied);
            return result with
            {
                Status = applied > 0 ? SyncStatus.Partial : SyncStatus.Failed,
                Added = outcome.Added,
                Removed = outcome.Removed,
                Failed = outcome.Failed,
                ErrorMessage = $"stopped by a shutdown request between writes after {applied} applied change(s); the next run re-reads OIG and completes the rest",
            };
        }

        // Verify: re-read grants and plan again; whatever the second plan still wants to do did not take.
        // A run that changed nothing has nothing to verify, and saves re-reading every grant.
        var unconverged = 0;
        var finalGrants = grants;
        if (outcome.Applied + outcome.Failed > 0)
        {
            grants = []; // superseded by the re-read below; let it go before reading the new one
            finalGrants = entitlementId is null ? [] : await sources.ReadGrantsAsync(appId, entitlementId, cancellationToken);
            var after = SyncPlanner.Plan(Input(finalGrants, outcome.ValuesByRole.Values));
            var heldPairs = held.Select(h => (h.OktaUserId, h.RoleId)).ToHashSet();
            var stillToRevoke = after.Revocations.Sum(r => r.Values.Count(v => !heldPairs.Contains((r.OktaUserId, v.RoleId))));
            unconverged = after.AssignmentsToAdd + (blocked ? 0 : stillToRevoke);
            if (unconverged > 0)
            {
                logger.LogWarning("Verification: {Count} user × role differences remain after applying ({Add} to add, {Remove} to revoke)", unconverged, after.AssignmentsToAdd, after.AssignmentsToRemove);
            }
        }

        if (memory.Remember(executionId, plan, outcome, finalGrants) is { } memoryFailure)
        {
            logger.LogError("Sync failed after applying: {Error}", memoryFailure);
            return failedAfterApplying with { Unconverged = unconverged, ErrorMessage = memoryFailure };
        }

        var (status, message) = RunOutcome.OfApplied(notes, outcome, unconverged);
        return result with
        {
            Status = status,
            Added = outcome.Added,
            Removed = outcome.Removed,
            Failed = outcome.Failed,
            Unconverged = unconverged,
            ErrorMessage = message,
        };

    }

    /// <summary>Logs the roles revoked in OIG that Slack still lists (one line, a few examples) and what this run does about them.</summary>
    private void LogOigRevocations(SyncPlan plan)
    {
        var mode = settings.Sync.OnOigRevocation;
        RepeatedWarning.Log(logger, plan.OigRevocations, "role(s) revoked in OIG are still listed by Slack",
            o => $"Okta user {o.OktaUserId} ({o.Email ?? "no email"}), role {o.RoleId}: {RunFindings.DescribeOigRevocation(o, mode)}");
    }


    public static string StatusText(SyncStatus status) => status.ToString().ToUpperInvariant();

    private static RunStatus RunStatusOf(SyncStatus status) => status switch
    {
        SyncStatus.Success => RunStatus.Success,
        SyncStatus.Partial => RunStatus.Partial,
        SyncStatus.Blocked => RunStatus.Blocked,
        _ => RunStatus.Failed,
    };

    private static long PeakWorkingSetMb()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / (1024 * 1024);
    }

}
