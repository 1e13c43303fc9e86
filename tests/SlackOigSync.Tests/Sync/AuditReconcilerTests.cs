using Microsoft.Extensions.Logging.Abstractions;
using SlackOigSync.Storage;
using SlackOigSync.Sync;

namespace SlackOigSync.Tests.Sync;

/// <summary>Earlier runs' changes of unknown outcome are settled against what this run read: OIG for grants, Slack for roles removed there.</summary>
public sealed class AuditReconcilerTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "slack-oig-sync-tests", Guid.NewGuid().ToString("N"), "sync.db");

    [Fact]
    public void A_slack_removal_left_pending_is_applied_when_slack_no_longer_lists_the_role_and_failed_when_it_still_does()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var database = new SyncDatabase(_path);
        database.Migrate();
        var executions = new ExecutionLogRepository(database);
        executions.Open("slack-sync-killed", new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero), dryRun: false);
        executions.Open("slack-sync-now", new DateTimeOffset(2026, 12, 2, 2, 0, 0, TimeSpan.Zero), dryRun: false);
        var audit = new AuditRepository(database);
        AuditEntry Removal(string account) => new()
        {
            ExecutionId = "slack-sync-killed", Action = AuditAction.RemoveSlackRole, SlackUserId = account, OktaUserId = "00u" + account, SlackRoleId = "Rl02",
            Outcome = AuditOutcome.Pending, RecordedAt = new DateTimeOffset(2026, 12, 1, 2, 0, 1, TimeSpan.Zero),
        };
        audit.AppendPending([Removal("U0GONE"), Removal("U0STILL")]);
        executions.CloseInterrupted("slack-sync-now", new DateTimeOffset(2026, 12, 2, 2, 0, 1, TimeSpan.Zero)); // killed mid-call: its rows become UNKNOWN
        var slackNow = new Dictionary<string, IReadOnlySet<string>> { ["U0STILL"] = new HashSet<string> { "Rl02" }, ["U0GONE"] = new HashSet<string> { "Rl0L" } };

        var result = new AuditReconciler(audit, TimeProvider.System, NullLogger<AuditReconciler>.Instance)
            .Reconcile("slack-sync-now", [], new Dictionary<string, CurrentValue>(), slackNow);

        Assert.Equal((1, 1), (result.Landed, result.NotLanded));
        var rows = audit.ForExecution("slack-sync-killed").ToDictionary(r => r.SlackUserId!);
        Assert.Equal(AuditOutcome.Applied, rows["U0GONE"].Outcome);
        Assert.Contains("Slack's role assignments it read show this change landed", rows["U0GONE"].Error);
        Assert.Equal(AuditOutcome.Failed, rows["U0STILL"].Outcome);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
