using Dapper;
using Microsoft.Data.Sqlite;
using SlackOigSync.Sandbox.Seed;
using SlackOigSync.Sandbox.State;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.EndToEnd;

/// <summary>
/// Fail closed on grants that are not ACTIVE (issue 9): a tenant whose grant list also shows SCHEDULED, INACTIVE and
/// EXPIRED grants must not read them as "no grant" and create every grant a second time on every run. A value held
/// by a grant that is not active counts as held (not added), is not the sync's to revoke, and is reported.
/// </summary>
public sealed class InactiveGrantTests
{
    private const string Esp = "esp1slacksysrole0001";
    private const string AuditLogsValue = "ent1auditlogsadmin01"; // role Rl0C
    private const string AuditLogs = "Rl0C";
    private const string Alice = "00u1alice00000000001"; // Slack lists Rl0L and Rl0C for her
    private const string Heidi = "00u1heidi00000000009"; // Slack lists no role for her
    private const string AliceGrant = "0gg1alicenotactive01";
    private const string HeidiGrant = "0gg1staleheidi000001"; // the demo's stale ACTIVE grant of Rl0C

    public static TheoryData<string> NotActive => ["SCHEDULED", "INACTIVE", "EXPIRED", "PENDING_SOMETHING_NEW"];

    [Theory]
    [MemberData(nameof(NotActive))]
    public async Task A_role_slack_lists_that_a_grant_not_active_holds_is_not_granted_again_run_after_run_and_is_reported(string status)
    {
        await using var sandbox = await TestSandbox.StartAsync(WithGrant(AliceGrant, Alice));
        sandbox.Change(s =>
        {
            s.ListGrantsOfEveryStatus = true;
            s.Grants.Find(AliceGrant)!.Status = status; // an unknown word too: the sandbox's seed only takes Okta's four
        });
        using var cli = new SyncCli(sandbox);
        Assert.Equal(1, GrantsOf(sandbox, Alice, AuditLogsValue));

        var first = await cli.RunAsync("run");
        var second = await cli.RunAsync("run");

        // No second grant for the pair, on either run; the grant not active is left as it was.
        Assert.Equal(1, GrantsOf(sandbox, Alice, AuditLogsValue));
        Assert.Equal(status, sandbox.Read(s => s.Grants.Find(AliceGrant)!.Status));
        Assert.DoesNotContain((Alice, AuditLogs), sandbox.Read(SyncTruth.Held));
        Assert.Equal(0, sandbox.Read(SyncTruth.Duplicates));
        Assert.Empty(Audit(cli, "ADD_GRANT", Alice, AuditLogs));

        // The rest converged as usual (Alice's other role, Heidi's stale grant revoked) on the first run.
        Assert.Contains((Alice, "Rl0L"), sandbox.Read(SyncTruth.Held));
        Assert.DoesNotContain(sandbox.Read(SyncTruth.Held), h => h.User == Heidi);

        // Slack's role is not held in force and the sync will not fix that itself: PARTIAL, exit 3, both runs.
        foreach (var (code, output, _) in new[] { first, second })
        {
            Assert.Equal(3, code);
            Assert.Contains("Held by grants not active in OIG (1)", output);
            Assert.Contains($"grant {AliceGrant} (ENTITLEMENT) is {status} in OIG, so the role Slack lists is not granted again; check that grant in OIG", output);
            Assert.Contains("held by grants not active 1", output);
            Assert.DoesNotContain("OIG already matches Slack", output);
            Assert.Contains($"1 role(s) Slack lists are held in OIG only through a grant that is not active, so they were not granted again (first: Okta user {Alice}, role {AuditLogs}, grant {AliceGrant} {status})", output);
        }

        Assert.Equal("PARTIAL", UnresolvedHoldersKeepGrantsTests.LastRun(cli).Status);
        var finding = Assert.Single(Findings(cli));
        Assert.Equal((Alice, AuditLogs, "U0ALICE0001"), (finding.OktaUserId, finding.SlackRoleId, finding.SlackUserId));
        Assert.Contains($"grant {AliceGrant} (ENTITLEMENT) is {status} in OIG", finding.Detail);

        var (_, shown, _) = await cli.RunAsync("show", UnresolvedHoldersKeepGrantsTests.LastRunId(cli));
        Assert.Contains("held by grants not active 1", shown);
        Assert.Contains("HELD_BY_INACTIVE_GRANT", shown);
        Assert.Contains($"grant {AliceGrant} (ENTITLEMENT) is {status} in OIG", shown);
    }

    [Theory]
    [InlineData("SCHEDULED")]
    [InlineData("EXPIRED")]
    public async Task A_grant_not_active_for_a_role_slack_does_not_list_is_not_revoked_and_is_reported(string status)
    {
        // Heidi's stale grant of Rl0C (Slack lists no role for her), not active.
        await using var sandbox = await TestSandbox.StartAsync();
        sandbox.Change(s =>
        {
            s.ListGrantsOfEveryStatus = true;
            s.Grants.Find(HeidiGrant)!.Status = status;
        });
        using var cli = new SyncCli(sandbox);

        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(0, code);
        Assert.Equal(1, GrantsOf(sandbox, Heidi, AuditLogsValue));
        Assert.Equal(status, sandbox.Read(s => s.Grants.Find(HeidiGrant)!.Status));
        Assert.Empty(Audit(cli, "REVOKE_GRANT", Heidi, AuditLogs));
        Assert.Contains("Held by grants not active in OIG (1)", output);
        var finding = Assert.Single(Findings(cli));
        Assert.Equal((Heidi, AuditLogs), (finding.OktaUserId, finding.SlackRoleId));
        Assert.Equal(
            $"grant {HeidiGrant} (ENTITLEMENT) is {status} in OIG and Slack does not list the role for this user, but the sync never revokes a grant that is not active; check that grant in OIG",
            finding.Detail);
    }

    [Fact]
    public async Task An_active_grant_is_not_revoked_while_a_grant_not_active_also_holds_the_value()
    {
        // Heidi's stale ACTIVE grant of Rl0C would be revoked; but a SCHEDULED grant of the same value (an access request
        // starting later, say) may be ended by the same principal-level revoke, so the sync fails closed: neither is touched.
        await using var sandbox = await TestSandbox.StartAsync(WithGrant("0gg1heidischeduled01", Heidi, "SCHEDULED"));
        sandbox.Change(s => s.ListGrantsOfEveryStatus = true);
        using var cli = new SyncCli(sandbox);

        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(0, code);
        Assert.Contains((Heidi, AuditLogs), sandbox.Read(SyncTruth.Held));
        Assert.Equal(2, GrantsOf(sandbox, Heidi, AuditLogsValue));
        Assert.Empty(Audit(cli, "REVOKE_GRANT", Heidi, AuditLogs));
        Assert.Contains("also given by ENTITLEMENT grant 0gg1heidischeduled01 (SCHEDULED in OIG, not active)", output);
        var finding = Assert.Single(Findings(cli));
        Assert.Equal((Heidi, AuditLogs), (finding.OktaUserId, finding.SlackRoleId));
        Assert.StartsWith("grant 0gg1heidischeduled01 (ENTITLEMENT) is SCHEDULED in OIG and Slack does not list the role", finding.Detail);
    }

    [Fact]
    public async Task Listing_every_status_changes_nothing_when_every_grant_is_active()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        sandbox.Change(s => s.ListGrantsOfEveryStatus = true);
        using var cli = new SyncCli(sandbox);

        var (code, output, _) = await cli.RunAsync("run");
        var again = await cli.RunAsync("run");

        Assert.Equal((0, 0), (code, again.ExitCode));
        Assert.Contains("Result: SUCCESS", output);
        Assert.Contains("held by grants not active 0", output);
        Assert.Contains("No changes: OIG already matches Slack.", again.Output);
        sandbox.AssertOigMatchesSlack();
        Assert.Single(Audit(cli, "REVOKE_GRANT", Heidi, AuditLogs));
        Assert.Empty(Findings(cli));
    }

    private static SandboxSeed WithGrant(string id, string user, string status = "SCHEDULED")
    {
        var seed = TestSandbox.DemoSeed();
        return seed with
        {
            Grants = [.. seed.Grants, new SeedGrant(id, "ENTITLEMENT", seed.SlackAppId, user, new Dictionary<string, List<string>> { [Esp] = [AuditLogsValue] }, Status: status)],
        };
    }

    /// <summary>Grants of every status that give the user the value.</summary>
    private static int GrantsOf(TestSandbox sandbox, string user, string valueId) =>
        sandbox.Read(s => s.Grants.All.Count(g => g.PrincipalUserId == user && g.Entitlements.TryGetValue(Esp, out var values) && values.Contains(valueId)));

    private static List<long> Audit(SyncCli cli, string action, string oktaId, string role)
    {
        using var connection = new SqliteConnection($"Data Source={cli.DatabasePath}");
        return [.. connection.Query<long>(
            "SELECT id FROM sync_change_audit WHERE action = @action AND okta_user_id = @oktaId AND slack_role_id = @role",
            new { action, oktaId, role })];
    }

    /// <summary>The last run's HELD_BY_INACTIVE_GRANT findings.</summary>
    private static List<(string OktaUserId, string SlackRoleId, string? SlackUserId, string Detail)> Findings(SyncCli cli)
    {
        using var connection = new SqliteConnection($"Data Source={cli.DatabasePath}");
        return [.. connection.Query<(string, string, string?, string)>(
            """
            SELECT okta_user_id, slack_role_id, slack_user_id, detail FROM sync_finding
            WHERE kind = 'HELD_BY_INACTIVE_GRANT' AND execution_id = (SELECT execution_id FROM sync_execution_log ORDER BY rowid DESC LIMIT 1)
            """)];
    }
}
