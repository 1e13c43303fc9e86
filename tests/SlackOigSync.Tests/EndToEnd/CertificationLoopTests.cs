using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sandbox.State;
using SlackOigSync.Tests.Support;
using SlackOigSync.Tests.Sync;

namespace SlackOigSync.Tests.EndToEnd;

/// <summary>
/// The certification loop (issue 13) on the sandbox, through the real command line: sync; 'campaign create --launch';
/// a reviewer revokes Bob's Role Admin (Rl02, held on three entities) and approves Alice's Audit Logs Admin
/// (Rl0C); the campaign ends and OIG revokes Bob's grant; then the next sync, in each Sync:OnOigRevocation mode.
/// </summary>
public sealed class CertificationLoopTests
{
    private const string Alice = "00u1alice00000000001";
    private const string Bob = "00u1bob0000000000002";
    private const string BobSlack = "U0BOB000002";
    private const string Grace = "00u1grace00000000008";
    private const string Role = "Rl02";

    [Fact]
    public async Task Report_does_not_grant_a_reviewers_revoke_again_reports_it_every_run_until_cleared_and_a_cleared_one_is_granted_again()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = Cli(sandbox);
        await CertifyAsync(sandbox, cli);

        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(3, code);
        Assert.DoesNotContain((Bob, Role), sandbox.Read(SyncTruth.Held));
        Assert.Contains((Alice, "Rl0C"), sandbox.Read(SyncTruth.Held));
        Assert.Equal(3, SlackEntitiesOf(sandbox, BobSlack, Role).Count); // Slack is untouched in Report mode
        Assert.Contains("Revoked in OIG, still listed by Slack (1)", output);
        Assert.Contains($"1 role(s) were revoked in OIG but Slack still lists them (first: Okta user {Bob}, role {Role}); they were not granted again.", output);
        Assert.Empty(Audit(cli, "ADD_GRANT", Bob));
        var finding = Assert.Single(Findings(cli, "REVOKED_IN_OIG"));
        Assert.Contains("a reviewer or an admin revoked it", finding);

        // Still reported, still not granted, on the next run; listed by the command until cleared.
        var (again, againOutput, _) = await cli.RunAsync("run");
        Assert.Equal(3, again);
        Assert.Contains("an earlier run", againOutput);
        Assert.Contains("revoked in OIG earlier (still recorded)", Assert.Single(Findings(cli, "REVOKED_IN_OIG")));
        Assert.DoesNotContain((Bob, Role), sandbox.Read(SyncTruth.Held));
        var (_, listed, _) = await cli.RunAsync("oig-revocation", "list");
        Assert.Contains("Open revocations made in OIG (1)", listed);
        Assert.Contains(Bob, listed);
        Assert.Contains(BobSlack, listed);

        var (cleared, clearOutput, _) = await cli.RunAsync("oig-revocation", "clear", "--user", Bob, "--role", Role);
        Assert.Equal(0, cleared);
        Assert.Contains($"Cleared 1 revocation(s) made in OIG for {Bob}: {Role}", clearOutput);
        var (afterClear, _, _) = await cli.RunAsync("run");
        Assert.Equal(0, afterClear);
        Assert.Contains((Bob, Role), sandbox.Read(SyncTruth.Held));
        var (_, all, _) = await cli.RunAsync("oig-revocation", "list", "--all");
        Assert.Contains("CLEARED_BY_OPERATOR", all);
        var (none, _, noneErrors) = await cli.RunAsync("oig-revocation", "clear", "--user", Bob);
        Assert.Equal(2, none);
        Assert.Contains($"No open revocation made in OIG for Okta user {Bob}", noneErrors);
    }

    [Fact]
    public async Task RemoveFromSlack_removes_the_role_on_every_entity_in_slack_audited_first_and_slack_and_oig_then_agree()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = Cli(sandbox);
        await CertifyAsync(sandbox, cli);
        RemoveFromSlack(sandbox, cli);

        var (code, output, errors) = await cli.RunAsync("run");

        Assert.True(code == 0, output + errors);
        Assert.True(output.Contains("removed in Slack 1", StringComparison.Ordinal), output);
        Assert.Empty(SlackEntitiesOf(sandbox, BobSlack, Role));
        Assert.DoesNotContain((Bob, Role), sandbox.Read(SyncTruth.Held));
        Assert.Contains((Alice, "Rl0C"), sandbox.Read(SyncTruth.Held)); // the approved one stays, in both
        Assert.NotEmpty(SlackEntitiesOf(sandbox, "U0ALICE0001", "Rl0C"));
        Assert.Equal(0, sandbox.Read(s => SyncTruth.Difference(s)));
        Assert.Contains("removed in Slack 1", output);
        var removal = Assert.Single(Audit(cli, "REMOVE_SLACK_ROLE", Bob));
        Assert.Equal(("APPLIED", BobSlack, Role), (removal.Outcome, removal.SlackUserId, removal.Role));
        Assert.Equal(1, Requests(sandbox, "slack:admin.roles.removeAssignments"));

        // Settled: the next run has nothing to do and nothing is left open.
        var (next, nextOutput, _) = await cli.RunAsync("run");
        Assert.Equal(0, next);
        Assert.Contains("No changes", nextOutput);
        var (_, listed, _) = await cli.RunAsync("oig-revocation", "list", "--all");
        Assert.Contains("REMOVED_FROM_SLACK", listed);
        Assert.Equal(1, Requests(sandbox, "slack:admin.roles.removeAssignments"));
    }

    [Fact]
    public async Task Regrant_grants_it_again_as_before()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = Cli(sandbox);
        await CertifyAsync(sandbox, cli);
        cli.Overrides["Sync:OnOigRevocation"] = "Regrant";

        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(0, code);
        Assert.Contains((Bob, Role), sandbox.Read(SyncTruth.Held));
        Assert.Contains("they are granted again (Sync:OnOigRevocation=Regrant)", output);
        Assert.Contains("granting it again (Sync:OnOigRevocation=Regrant)", Assert.Single(Findings(cli, "REVOKED_IN_OIG")));
        Assert.Equal(3, SlackEntitiesOf(sandbox, BobSlack, Role).Count);
    }

    [Fact]
    public async Task RemoveFromSlack_without_the_admin_roles_write_scope_fails_before_writing_anything()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = Cli(sandbox);
        await CertifyAsync(sandbox, cli);
        cli.Overrides["Sync:OnOigRevocation"] = "RemoveFromSlack"; // with the default token, which lacks admin.roles:write
        var writesBefore = Writes(sandbox);

        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(1, code);
        Assert.Contains("Sync:OnOigRevocation is RemoveFromSlack, but the Slack token lacks the 'admin.roles:write' scope", output);
        Assert.Equal(writesBefore, Writes(sandbox));
        Assert.Equal(3, SlackEntitiesOf(sandbox, BobSlack, Role).Count);
        Assert.DoesNotContain((Bob, Role), sandbox.Read(SyncTruth.Held));
    }

    [Fact]
    public async Task The_mass_revocation_guard_counts_removals_from_slack_and_blocks_them()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = Cli(sandbox);
        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);

        // Someone revokes every grant in OIG (a broken script, say): with RemoveFromSlack, that would strip Slack bare.
        sandbox.Change(s =>
        {
            foreach (var (user, role) in SyncTruth.Held(s))
            {
                OigRevocation.Revoke(s, user, [.. s.Entitlements.All.SelectMany(e => e.Values).Where(v => v.ExternalValue == role).Select(v => v.Id)]);
            }
        });
        var assignmentsBefore = sandbox.Read(s => s.Assignments.Count);
        RemoveFromSlack(sandbox, cli);

        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(4, code);
        Assert.Contains("Mass-revocation guard", output);
        Assert.Equal(assignmentsBefore, sandbox.Read(s => s.Assignments.Count));
        Assert.Equal(0, Requests(sandbox, "slack:admin.roles.removeAssignments"));
        Assert.All(Audit(cli, "REMOVE_SLACK_ROLE", null), a => Assert.Equal("BLOCKED", a.Outcome));
    }

    [Fact]
    public async Task An_account_slack_refuses_is_audited_failed_the_run_fails_and_the_revocation_stays_open_for_the_next_run()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = Cli(sandbox);
        await CertifyAsync(sandbox, cli);
        RemoveFromSlack(sandbox, cli);

        // Bob's Slack account vanishes from admin.users while admin.roles still lists his role: Slack answers user_not_found.
        sandbox.Change(s => s.SlackUsers.Remove(BobSlack));
        var (code, output, errors) = await cli.RunAsync("run");

        Assert.True(code == 1, output + errors); // its only change failed: FAILED, as any run whose changes all failed
        var removal = Assert.Single(Audit(cli, "REMOVE_SLACK_ROLE", Bob));
        Assert.Equal("FAILED", removal.Outcome);
        Assert.Contains($"Slack refused to remove {Role} from {BobSlack} (user_not_found)", removal.Error);
        Assert.Contains("failed 1", output);
        var (_, listed, _) = await cli.RunAsync("oig-revocation", "list");
        Assert.Contains("Open revocations made in OIG (1)", listed);
    }

    [Fact]
    public async Task A_grant_the_oig_listing_leaves_out_is_never_removed_in_slack_when_oigs_summary_of_the_user_still_shows_it()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = Cli(sandbox);
        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);

        // Nobody revoked anything: the grant listing just loses one grant, on every read.
        sandbox.Host.AnswerFaults.Add(new AnswerFault("oig:GET /governance/api/v1/grants", AnswerFaultKind.DropItems, Count: 1, Times: AnswerFault.Forever));
        RemoveFromSlack(sandbox, cli);
        var assignments = sandbox.Read(s => s.Assignments.Count);

        var (code, output, errors) = await cli.RunAsync("run");

        Assert.True(code == 3, output + errors);
        Assert.Contains("removal(s) in Slack held: OIG's summary of the user's access still shows the role although its grant listing does not", output);
        Assert.Equal(assignments, sandbox.Read(s => s.Assignments.Count));
        Assert.Equal(0, Requests(sandbox, "slack:admin.roles.removeAssignments"));
        Assert.Empty(Audit(cli, "ADD_GRANT", null)); // and not granted a second time either
    }

    [Fact]
    public async Task A_role_slack_still_lists_on_an_entity_it_refused_stays_open_and_is_not_granted_again()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = Cli(sandbox);
        // Bob holds Rl02 on three entities; add eleven workspaces and one entity Slack will refuse (not shaped like an id).
        sandbox.Change(s =>
        {
            for (var i = 1; i <= 11; i++)
            {
                s.AddAssignment(Role, BobSlack, $"T0PROBE{i:000}X");
            }

            s.AddAssignment(Role, BobSlack, "W-not-an-entity");
        });
        await CertifyAsync(sandbox, cli);
        RemoveFromSlack(sandbox, cli);

        var (code, output, errors) = await cli.RunAsync("run");

        Assert.True(code == 3, output + errors); // some calls applied, one refused
        Assert.Equal(["W-not-an-entity"], SlackEntitiesOf(sandbox, BobSlack, Role));
        Assert.Contains(Audit(cli, "REMOVE_SLACK_ROLE", Bob), r => r.Outcome == "FAILED" && r.Error!.Contains("W-not-an-entity", StringComparison.Ordinal));
        var (_, listed, _) = await cli.RunAsync("oig-revocation", "list");
        Assert.Contains("Open revocations made in OIG (1)", listed);

        // The next run in Report mode does not take Slack's leftover as a reason to grant it again.
        cli.Overrides["Sync:OnOigRevocation"] = "Report";
        var (next, _, _) = await cli.RunAsync("run");
        Assert.Equal(3, next);
        Assert.DoesNotContain((Bob, Role), sandbox.Read(SyncTruth.Held));
    }

    [Fact]
    public async Task A_removal_whose_answer_is_lost_is_read_back_from_slack_and_recorded_as_applied()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = Cli(sandbox);
        await CertifyAsync(sandbox, cli);
        RemoveFromSlack(sandbox, cli);
        sandbox.Host.Traffic.Configure(new FaultSettings { Rules = [new FaultRule { Endpoint = "slack:admin.roles.removeAssignments", DropAfterWrite = 1.0 }] });

        var (code, output, errors) = await cli.RunAsync("run");

        Assert.True(code == 0, output + errors);
        Assert.Empty(SlackEntitiesOf(sandbox, BobSlack, Role));
        Assert.Equal("APPLIED", Assert.Single(Audit(cli, "REMOVE_SLACK_ROLE", Bob)).Outcome);
        var (_, listed, _) = await cli.RunAsync("oig-revocation", "list", "--all");
        Assert.Contains("REMOVED_FROM_SLACK", listed);
    }

    /// <summary>Sync:OnOigRevocation=RemoveFromSlack, with the sandbox's Slack token that has admin.roles:write.</summary>
    private static void RemoveFromSlack(TestSandbox sandbox, SyncCli cli)
    {
        cli.Overrides["Sync:OnOigRevocation"] = "RemoveFromSlack";
        cli.Overrides["Slack:Token"] = sandbox.Host.Tokens.SlackRoleWriterToken;
    }

    private static SyncCli Cli(TestSandbox sandbox)
    {
        var cli = new SyncCli(sandbox);
        cli.Overrides["Campaign:FallbackReviewerId"] = Grace;
        return cli;
    }

    /// <summary>Sync, create and launch Q1, Bob's Rl02 revoked and Alice's Rl0C approved by the reviewer, the campaign ended.</summary>
    private static async Task CertifyAsync(TestSandbox sandbox, SyncCli cli)
    {
        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);
        Assert.Contains((Bob, Role), sandbox.Read(SyncTruth.Held));

        var (created, createdOutput, createErrors) = await cli.RunAsync("campaign", "create", "--name", "Q1", "--launch");
        Assert.True(created == 0, createdOutput + createErrors);
        Assert.Contains("Created campaign 'Q1'", createdOutput);
        Assert.Contains("quarterly, 14 days, reviewed by each user's manager (fallback 00u1grace00000000008)", createdOutput);
        Assert.Contains("Launched", createdOutput);

        var instance = (await sandbox.OktaJsonAsync("governance/api/v1/campaigns?filter=" + Uri.EscapeDataString("status eq \"ACTIVE\"")))["data"]!.AsArray().Single()!;
        var id = instance["id"]!.GetValue<string>();
        using var decided = await sandbox.Http.PostAsJsonAsync($"_sandbox/oig/campaigns/{id}/decisions", new JsonObject
        {
            ["decisions"] = new JsonArray(
                new JsonObject { ["oktaUserId"] = Bob, ["roleId"] = Role, ["decision"] = "REVOKE" },
                new JsonObject { ["oktaUserId"] = Alice, ["roleId"] = "Rl0C", ["decision"] = "APPROVE" }),
        });
        Assert.Equal(200, (int)decided.StatusCode);
        using var ended = await sandbox.Http.PostAsync($"_sandbox/oig/campaigns/{id}/end", null);
        Assert.Equal(200, (int)ended.StatusCode);
        Assert.DoesNotContain((Bob, Role), sandbox.Read(SyncTruth.Held));
    }

    private static long Requests(TestSandbox sandbox, string endpoint) => sandbox.Host.Traffic.Requests.GetValueOrDefault(endpoint);

    /// <summary>Calls that change OIG or Slack (the control API and the token endpoint are not counted).</summary>
    private static long Writes(TestSandbox sandbox) => sandbox.Host.Traffic.Requests
        .Where(kv => kv.Key.StartsWith("oig:POST", StringComparison.Ordinal) || kv.Key.StartsWith("oig:PATCH", StringComparison.Ordinal) || kv.Key.Contains("Assignments", StringComparison.Ordinal) && !kv.Key.Contains("list", StringComparison.Ordinal))
        .Sum(kv => kv.Value);

    private static List<string> SlackEntitiesOf(TestSandbox sandbox, string slackUserId, string role) =>
        sandbox.Read(s => s.Assignments.All.Where(a => a.UserId == slackUserId && a.RoleId == role).Select(a => a.EntityId).ToList());

    private static List<(string Outcome, string? SlackUserId, string? Role, string? Error)> Audit(SyncCli cli, string action, string? oktaUserId)
    {
        using var connection = new SqliteConnection($"Data Source={cli.DatabasePath};Pooling=False");
        return connection.Query<(string, string?, string?, string?)>(
            "SELECT outcome, slack_user_id, slack_role_id, error FROM sync_change_audit WHERE execution_id = @id AND action = @action AND (@oktaUserId IS NULL OR okta_user_id = @oktaUserId) ORDER BY id",
            new { action, oktaUserId, id = UnresolvedHoldersKeepGrantsTests.LastRunId(cli) }).ToList();
    }

    private static List<string> Findings(SyncCli cli, string kind)
    {
        using var connection = new SqliteConnection($"Data Source={cli.DatabasePath};Pooling=False");
        return connection.Query<string>("SELECT detail FROM sync_finding WHERE kind = @kind AND execution_id = @id", new { kind, id = UnresolvedHoldersKeepGrantsTests.LastRunId(cli) }).ToList();
    }
}
