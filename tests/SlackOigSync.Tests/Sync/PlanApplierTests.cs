using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using SlackOigSync.Governance;
using SlackOigSync.Http;
using SlackOigSync.Okta;
using SlackOigSync.Progress;
using SlackOigSync.Slack;
using SlackOigSync.Storage;
using SlackOigSync.Sync;
using SlackOigSync.Tests.Support;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace SlackOigSync.Tests.Sync;

/// <summary>
/// PlanApplier on its own: OIG written byte for byte by WireMock.Net, the audit trail in a temporary SQLite database.
/// Every write has its PENDING row before it and its outcome after; a broken trail stops the writing.
/// </summary>
public sealed class PlanApplierTests : IDisposable
{
    private const string ExecutionId = "slack-sync-applier-1";
    private const string Grants = "/governance/api/v1/grants";

    private static readonly IReadOnlyDictionary<string, CurrentValue> OrgAdmin =
        new Dictionary<string, CurrentValue> { ["Rl01"] = new("ent1", "Rl01", "Org Admin", "orn:okta:ent1") };

    private readonly WireApi _wire = new();
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"slack-oig-sync-applier-{Guid.NewGuid():N}.db");
    private readonly SyncDatabase _database;

    public PlanApplierTests()
    {
        _database = new SyncDatabase(_path);
        _database.Migrate();
        new ExecutionLogRepository(_database).Open(ExecutionId, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), dryRun: false);
    }

    public void Dispose()
    {
        _wire.Dispose();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_grant_is_audited_PENDING_before_its_call_and_APPLIED_after()
    {
        var seenDuringCall = new List<AuditOutcome>();
        _wire.On(Request.Create().WithPath(Grants).UsingPost(), Granted(_ => seenDuringCall.AddRange(Trail().Select(e => e.Outcome))));

        var outcome = await Applier().ApplyAsync(Plan(Grant("00u1", "U1")), Run("esp1"), OrgAdmin, 1, CancellationToken.None);

        Assert.Equal([AuditOutcome.Pending], seenDuringCall);
        var row = Assert.Single(Trail());
        Assert.Equal((AuditAction.AddGrant, "00u1", "Rl01", "ent1", AuditOutcome.Applied), (row.Action, row.OktaUserId, row.SlackRoleId, row.OktaEntitlementValueId, row.Outcome));
        Assert.Equal((1, 0, 1), (outcome.Added, outcome.Failed, outcome.Applied));
        Assert.Null(outcome.AuditFailure);
    }

    [Fact]
    public async Task A_refused_write_is_recorded_FAILED_with_its_reason_and_counted_while_the_others_apply()
    {
        _wire.On(Request.Create().WithPath(Grants).UsingPost().WithBody(new WildcardMatcher("*00u2*")),
            WireApi.Json("""{"errorCode":"E0000001","errorSummary":"Api validation failed: principal"}""", 400), priority: 1);
        _wire.On(Request.Create().WithPath(Grants).UsingPost(), Granted());

        var outcome = await Applier().ApplyAsync(Plan(Grant("00u1", "U1"), Grant("00u2", "U2")), Run("esp1"), OrgAdmin, 1, CancellationToken.None);

        Assert.Equal((1, 1, 1), (outcome.Added, outcome.Failed, outcome.Applied));
        Assert.NotNull(outcome.FirstError);
        var rows = Trail().ToDictionary(e => e.OktaUserId!);
        Assert.Equal(AuditOutcome.Applied, rows["00u1"].Outcome);
        Assert.Equal(AuditOutcome.Failed, rows["00u2"].Outcome);
        Assert.Equal(outcome.FirstError, rows["00u2"].Error);
        Assert.Equal(2, _wire.Requests.Count(r => r.Path == Grants)); // a 400 is an answer: not sent again
    }

    [Fact]
    public async Task A_missing_entitlement_is_created_with_its_values_audited_as_CREATE_VALUE_then_granted()
    {
        var createdDuringCall = new List<(AuditAction, AuditOutcome)>();
        _wire.On(Request.Create().WithPath("/governance/api/v1/entitlements").UsingPost(), Response.Create().WithStatusCode(201)
            .WithHeader("Content-Type", "application/json").WithBody(_ =>
            {
                createdDuringCall.AddRange(Trail().Select(e => (e.Action, e.Outcome)));
                return """{"id":"espNew","externalValue":"slack_system_role","values":[{"id":"ent1","externalValue":"Rl01"}]}""";
            }));
        _wire.On(Request.Create().WithPath("/governance/api/v1/entitlements/espNew/values").UsingGet(),
            WireApi.Json("""{"data":[{"id":"ent1","externalValue":"Rl01","name":"Org Admin","orn":"orn:okta:ent1"}]}"""));
        _wire.On(Request.Create().WithPath(Grants).UsingPost(), Granted());
        var plan = Plan(Grant("00u1", "U1")) with { ValuesToCreate = [new ValueToCreate("Rl01", "Org Admin")] };

        var outcome = await Applier().ApplyAsync(plan, Run(entitlementId: null), new Dictionary<string, CurrentValue>(), 1, CancellationToken.None);

        Assert.Equal([(AuditAction.CreateValue, AuditOutcome.Pending)], createdDuringCall);
        Assert.Equal("espNew", outcome.EntitlementId);
        Assert.Equal("ent1", outcome.ValuesByRole["Rl01"].ValueId);
        Assert.Equal(
            [(AuditAction.CreateValue, "Rl01", AuditOutcome.Applied), (AuditAction.AddGrant, "Rl01", AuditOutcome.Applied)],
            Trail().Select(e => (e.Action, e.SlackRoleId!, e.Outcome)));
        Assert.Equal("ent1", Trail()[1].OktaEntitlementValueId);
        Assert.Equal((1, 0), (outcome.Added, outcome.Failed));
    }

    [Fact]
    public async Task When_the_audit_trail_breaks_after_a_write_no_further_write_is_sent()
    {
        // The first grant's call breaks the trail: its outcome cannot be recorded, so the second grant is never sent.
        _wire.On(Request.Create().WithPath(Grants).UsingPost(), Granted(_ =>
        {
            using var connection = _database.Open();
            connection.Execute("DROP TABLE sync_change_audit");
        }));

        var outcome = await Applier().ApplyAsync(Plan(Grant("00u1", "U1"), Grant("00u2", "U2"), Grant("00u3", "U3")), Run("esp1"), OrgAdmin, 1, CancellationToken.None);

        Assert.Equal(1, _wire.Requests.Count(r => r.Path == Grants));
        Assert.NotNull(outcome.AuditFailure);
        Assert.Equal((1, 1), (outcome.Applied, outcome.Added)); // the call that was made is still counted
    }

    [Fact]
    public async Task Without_a_writable_audit_trail_nothing_is_sent_to_OIG()
    {
        var unmigrated = new SyncDatabase(_path + ".empty.db"); // no sync_change_audit table
        try
        {
            _wire.On(Request.Create().WithPath(Grants).UsingPost(), Granted());

            var outcome = await Applier(new AuditRepository(unmigrated)).ApplyAsync(Plan(Grant("00u1", "U1")), Run("esp1"), OrgAdmin, 1, CancellationToken.None);

            Assert.Empty(_wire.Requests);
            Assert.NotNull(outcome.AuditFailure);
            Assert.Equal((0, 0), (outcome.Applied, outcome.Failed));
        }
        finally
        {
            File.Delete(_path + ".empty.db");
        }
    }

    private PlanApplier Applier(AuditRepository? audit = null)
    {
        var limits = new HttpResilienceSettings();
        var governance = new GovernanceClient(_wire.Http(), limits, OktaCredentialHints.ApiToken);
        var slack = new SlackClient(_wire.Http("/api/"), new SlackGrantedScopes(), limits);
        var progress = new RunProgress(TimeProvider.System, NullLogger<RunProgress>.Instance, new ProgressDisplay(null));
        return new PlanApplier(governance, slack, new SlackRemovalLocator(slack, governance, NullLogger<SlackRemovalLocator>.Instance),
            audit ?? new AuditRepository(_database), progress, TimeProvider.System, NullLogger<PlanApplier>.Instance);
    }

    private static RunContext Run(string? entitlementId) => new(ExecutionId, "0oaSlack", entitlementId);

    private static SyncPlan Plan(params GrantToAdd[] grants) => new([], [], grants, [], []);

    private static GrantToAdd Grant(string oktaUserId, string slackUserId) => new(oktaUserId, slackUserId, $"{slackUserId}@example.com", ["Rl01"]);

    private IReadOnlyList<AuditEntry> Trail() => new AuditRepository(_database).ForExecution(ExecutionId);

    /// <summary>OIG's 201 for a new grant; <paramref name="during"/> runs while the call is in flight.</summary>
    private static IResponseBuilder Granted(Action<WireMock.IRequestMessage>? during = null) =>
        Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody(request =>
        {
            during?.Invoke(request);
            return """{"id":"gra1","grantType":"ENTITLEMENT","targetPrincipal":{"externalId":"00u1","type":"OKTA_USER"},"status":"ACTIVE"}""";
        });
}
