using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SlackOigSync.Configuration;
using SlackOigSync.Http;
using SlackOigSync.Progress;
using SlackOigSync.Storage;

namespace SlackOigSync.Sync;

/// <summary>
/// One run, as the design brief's data flow: open the execution, read the three sources, resolve people, plan,
/// apply (unless dry run), verify, remember, close. Each step is its own class; this one only sequences them.
/// Any failed read ends the run FAILED before anything is written to OIG.
/// </summary>
public sealed class SyncRunner(
    AppSettings settings,
    RoleCatalogue catalogue,
    SourceReader sources,
    PeopleStep people,
    PlanConfirmation confirmation,
    PlanApplier applier,
    RunVerifier verifier,
    RunMemoryWriter memoryWriter,
    AuditReconciler reconciler,
    ExecutionLogRepository executions,
    ExecutionCloser closer,
    FindingRepository findings,
    GrantMemory memory,
    LeaseKeeper leaseKeeper,
    RunLog runLog,
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
        catch (Exception e) when (RunFailure.Of(e, stop.IsCancellationRequested, cancellationToken.IsCancellationRequested, settings.Sync.DatabasePath) is { } failure)
        {
            failure.Log(logger);
            result = new SyncResult { ExecutionId = executionId, Status = RunStatus.Failed, DryRun = dryRun, ErrorMessage = failure.Message };
        }
        finally
        {
            await reporting.CancelAsync();
            await reporter;
        }

        result = result with { DurationSeconds = stopwatch.Elapsed.TotalSeconds };
        closer.Close(executionId, started, dryRun, result);
        return result;
    }

    private async Task<SyncResult> RunCoreAsync(string executionId, bool dryRun, CancellationToken cancellationToken)
    {
        // Nothing is written until all three sources have been read completely; any failed read ends the run here.
        var snapshot = await sources.ReadAsync(cancellationToken);
        var (holders, values, grants, entitlementId) = (snapshot.Holders, snapshot.Values, snapshot.Grants, snapshot.Entitlement?.Id);
        var reconciled = dryRun ? AuditReconciliation.None : reconciler.Reconcile(executionId, grants, values, holders.RolesByUser); // earlier runs' PENDING/UNKNOWN rows, against what OIG holds now
        runLog.SlackRead(holders);
        var who = await people.ResolveAsync(holders, snapshot.AppUsers, cancellationToken);
        runLog.Adopted(snapshot);
        snapshot = null!; // what the run needs of it is taken: the rest (the index of the Okta app's users) is let go; the grants go before verification re-reads them

        // The memory of earlier runs: what the sync's grants held when the last run ended, and revocations made in OIG already recorded.
        var basis = PlanBasis.Of(holders, who, catalogue, settings.Sync, memory.Load());
        var plan = SyncPlanner.Plan(basis.Input(grants, values.Values));
        runLog.Planned(plan);
        var blocked = plan.RevocationsBlocked is not null;

        // Confirm: a second look at both sides before taking access away; pairs two reads disagree on are held.
        var run = RunContext.For(executionId, settings, entitlementId);
        var (confirmedPlan, held, contradicted) = await confirmation.ConfirmAsync(plan, who, run, values, cancellationToken);
        plan = confirmedPlan;
        var notes = RunOutcome.Of(plan, held, contradicted, settings.Sync.OnOigRevocation, dryRun);
        runLog.LeftToAPerson(notes, plan);
        findings.Append(RunFindings.Of(executionId, plan, who.Resolution, held, who.Moved, settings.Sync.OnOigRevocation));
        var result = new SyncResult
        {
            ExecutionId = executionId, Status = RunStatus.Success, DryRun = dryRun, Plan = plan, Resolution = who.Resolution,
            EntitlementCreated = entitlementId is null && holders.Roles.Count > 0, // the applier creates it, audited like any write
            SlackAssignments = holders.Assignments, TotalSlackUsers = holders.RolesByUser.Count, RolesSynced = holders.Roles.Count,
            Held = held, MovedLinks = who.Moved, Reconciled = reconciled, OnOigRevocation = settings.Sync.OnOigRevocation,
        };
        if (dryRun)
        {
            applier.RecordPlanned(plan, run);
            var (planned, plannedMessage) = RunOutcome.OfDryRun(notes);
            return result with { Status = planned, ErrorMessage = plannedMessage };
        }

        var outcome = await applier.ApplyAsync(plan, run, values, settings.Sync.WriteConcurrency, cancellationToken);
        if (outcome.AuditFailure is not null)
        {
            logger.LogError("The audit trail could not be written; no further change was sent to OIG after {Applied} applied", outcome.Applied);
            return result.AfterApplying(outcome, RunStatus.Failed, RunOutcome.OfAuditFailure(outcome));
        }

        if (memoryWriter.SaveMappingAndLinks(basis, outcome, blocked) is { } notSaved)
        {
            return result.AfterApplying(outcome, RunStatus.Failed, notSaved);
        }

        if (outcome.Stopped)
        {
            logger.LogWarning("Stopped between writes after {Applied} applied change(s)", outcome.Applied);
            var (stoppedStatus, stoppedMessage) = RunOutcome.OfStopped(outcome);
            return result.AfterApplying(outcome, stoppedStatus, stoppedMessage);
        }

        // A run that changed nothing has nothing to verify: the grants read before applying are the final ones. Otherwise
        // every grant is read again, and the list read before is let go first, so that the two are never held at once.
        Verification verified;
        if (outcome.Applied + outcome.Failed == 0)
        {
            verified = new Verification(0, grants);
        }
        else
        {
            grants = [];
            verified = await verifier.VerifyAsync(basis, outcome, held, blocked, run.AppId, cancellationToken);
        }

        if (memoryWriter.Remember(executionId, plan, outcome, verified.FinalGrants) is { } notRemembered)
        {
            return result.AfterApplying(outcome, RunStatus.Failed, notRemembered, verified.Unconverged);
        }

        var (status, message) = RunOutcome.OfApplied(notes, outcome, verified.Unconverged);
        return result.AfterApplying(outcome, status, message, verified.Unconverged);
    }
}
