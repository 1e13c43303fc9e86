using SlackOigSync.Configuration;
using SlackOigSync.Sync;
using SlackOigSync.Storage;

namespace SlackOigSync.Tests.Sync;

/// <summary>How a run ends, as a table: the status (and exit code) from what it planned and did, and its message.</summary>
public sealed class RunOutcomeTests
{
    private static readonly SyncPlan Empty = new([], [], [], [], []);

    private static ApplyOutcome Applied(int applied, int failed) =>
        new(applied, 0, failed, applied, new Dictionary<string, CurrentValue>()) { FirstError = failed > 0 ? "OIG answered 500" : null };

    public static TheoryData<int, int, int, bool, bool, RunStatus> Rows => new()
    {
        // applied, failed, unconverged, held, blocked → status
        { 3, 0, 0, false, false, RunStatus.Success },
        { 0, 0, 0, false, false, RunStatus.Success },
        { 2, 1, 0, false, false, RunStatus.Partial },
        { 0, 2, 0, false, false, RunStatus.Failed },
        { 2, 0, 1, false, false, RunStatus.Partial },
        { 2, 0, 0, true, false, RunStatus.Partial },
        { 0, 2, 0, false, true, RunStatus.Blocked },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void An_applied_run_ends_as_the_table_says(int applied, int failed, int unconverged, bool held, bool blocked, RunStatus expected)
    {
        var plan = Empty with { RevocationsBlocked = blocked ? "this run would revoke 9 role grant(s), more than Sync:MaxRevocations (5)" : null };
        IReadOnlyList<HeldRevocation> holds = held ? [new HeldRevocation("00u1", "Rl0C", ["U1"], "still listed")] : [];
        var notes = RunOutcome.Of(plan, holds, 0, OigRevocationMode.Report, dryRun: false);

        var (status, message) = RunOutcome.OfApplied(notes, Applied(applied, failed), unconverged);

        Assert.Equal(expected, status);
        Assert.Equal(expected == RunStatus.Success, message is null);
        if (failed > 0)
        {
            Assert.Contains("first failure: OIG answered 500", message);
        }
    }

    [Fact]
    public void A_revocation_made_in_oig_is_left_to_a_person_only_under_report()
    {
        var plan = Empty with { OigRevocations = [new OigRevocation("00u1bob", "Rl02", ["U0BOB"], null, AlreadyRecorded: false)] };

        var report = RunOutcome.OfDryRun(RunOutcome.Of(plan, [], 0, OigRevocationMode.Report, dryRun: true));
        var remove = RunOutcome.OfApplied(RunOutcome.Of(plan, [], 0, OigRevocationMode.RemoveFromSlack, dryRun: false), Applied(1, 0), 0);

        Assert.Equal(RunStatus.Partial, report.Status);
        Assert.StartsWith("1 role(s) were revoked in OIG but Slack still lists them (first: Okta user 00u1bob, role Rl02)", report.Message);
        Assert.Equal((RunStatus.Success, (string?)null), remove);
    }

    [Fact]
    public void Removals_held_because_oigs_views_disagree_get_their_own_sentence()
    {
        IReadOnlyList<HeldRevocation> held = [new("00u1a", "Rl0C", ["U1"], "slack"), new("00u1b", "Rl02", ["U2"], "oig")];

        var notes = RunOutcome.Of(Empty, held, contradicted: 1, OigRevocationMode.RemoveFromSlack, dryRun: false);

        Assert.Contains("1 revocation(s) held: Slack's confirming read still lists the role although the first read did not (first: 00u1a Rl0C)", notes.Held);
        Assert.Contains("Also: 1 removal(s) in Slack held: OIG's summary of the user's access still shows the role although its grant listing does not (first: 00u1b Rl02)", notes.Held);
    }
}
