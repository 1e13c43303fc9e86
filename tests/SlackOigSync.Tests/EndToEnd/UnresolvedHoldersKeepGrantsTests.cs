using Dapper;
using Microsoft.Data.Sqlite;
using SlackOigSync.Sandbox.Seed;
using SlackOigSync.Sandbox.State;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.EndToEnd;

/// <summary>
/// "Never revoke what Slack still grants", case by case, at the demo's size and on a generated org of 365
/// assignments: a holder who was matched before but cannot be matched today keeps every grant, a conflict grants
/// nobody anything, and only a positive "deleted" from Slack takes access away.
/// </summary>
public sealed class UnresolvedHoldersKeepGrantsTests
{
    public static TheoryData<string> Orgs => ["demo", "generated"];

    [Theory]
    [MemberData(nameof(Orgs))]
    public async Task A_second_app_user_claiming_the_holders_slack_id_is_a_conflict_that_keeps_the_grants_and_grants_nobody(string org)
    {
        await using var sandbox = await TestSandbox.StartAsync(Seed(org));
        using var cli = new SyncCli(sandbox);
        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);
        var (slackId, oktaId) = sandbox.Read(ExternalIdHolder);
        var before = sandbox.Read(SyncTruth.Held);

        // A bad import: another Okta user, listed before the real one, carries the same Slack id.
        const string impostor = "00u0aaimport00000001";
        sandbox.Change(s =>
        {
            s.OktaUsers.Add(impostor, new OktaUser { Id = impostor, Email = "import@example.com", Login = "import@example.com", FirstName = "Bad", LastName = "Import" });
            s.AppUsers[s.SlackAppId].Add(impostor, new OktaAppUser { AppId = s.SlackAppId, UserId = impostor, ExternalId = slackId, UserName = "import@example.com" });
        });

        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(0, code);
        Assert.Equal(before, sandbox.Read(SyncTruth.Held));
        Assert.Contains("Identity conflicts (1)", output);
        Assert.Contains($"{oktaId}, {impostor}", output.Replace(impostor + ", " + oktaId, oktaId + ", " + impostor));
        var run = LastRun(cli);
        Assert.Equal((1L, RolesOf(sandbox, slackId), 0L), (run.Conflicts, run.Kept, run.Removed));
        Assert.Contains(slackId, run.NotInOkta);
    }

    [Theory]
    [MemberData(nameof(Orgs))]
    public async Task A_holder_whose_slack_email_changed_to_an_address_okta_does_not_know_keeps_the_grants(string org)
    {
        await using var sandbox = await TestSandbox.StartAsync(Seed(org));
        using var cli = new SyncCli(sandbox);
        await cli.RunAsync("run");
        var (slackId, oktaId) = sandbox.Read(EmailHolder);
        var before = sandbox.Read(SyncTruth.Held);

        sandbox.Change(s => s.SlackUsers.Find(slackId)!.Email = "someone.new@elsewhere.example");
        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(0, code);
        Assert.Equal(before, sandbox.Read(SyncTruth.Held));
        Assert.Contains($"kept: identity unresolved (no Okta user has the email someone.new@elsewhere.example)", output);
        Assert.Equal(RolesOf(sandbox, slackId), LastRun(cli).Kept);
        Assert.Equal(RolesOf(sandbox, slackId), KeptFindings(cli, oktaId));

        // `show` lists them with their reason.
        var (_, shown, _) = await cli.RunAsync("show", LastRunId(cli));
        Assert.Contains("KEPT_UNRESOLVED", shown);
        Assert.Contains("someone.new@elsewhere.example", shown);
    }

    [Theory]
    [MemberData(nameof(Orgs))]
    public async Task A_second_okta_account_with_the_holders_email_is_a_conflict_that_keeps_the_grants(string org)
    {
        await using var sandbox = await TestSandbox.StartAsync(Seed(org));
        using var cli = new SyncCli(sandbox);
        await cli.RunAsync("run");
        var (slackId, oktaId) = sandbox.Read(EmailHolder);
        var before = sandbox.Read(SyncTruth.Held);

        const string twin = "00u1twinaccount00001";
        sandbox.Change(s =>
        {
            var email = s.SlackUsers.Find(slackId)!.Email!;
            s.OktaUsers.Add(twin, new OktaUser { Id = twin, Email = email.ToUpperInvariant(), Login = "twin@example.com", FirstName = "Twin", LastName = "Account" });
        });
        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(0, code);
        Assert.Equal(before, sandbox.Read(SyncTruth.Held));
        Assert.DoesNotContain(sandbox.Read(SyncTruth.Held), h => h.User == twin);
        Assert.Contains("2 Okta users share this email", output);
        Assert.Contains(twin, output);
        var run = LastRun(cli);
        Assert.Equal((1L, RolesOf(sandbox, slackId)), (run.Conflicts, run.Kept));
        Assert.Equal(RolesOf(sandbox, slackId), KeptFindings(cli, oktaId));
    }

    [Theory]
    [MemberData(nameof(Orgs))]
    public async Task A_holder_removed_from_the_slack_app_whose_okta_email_differs_keeps_the_grants(string org)
    {
        await using var sandbox = await TestSandbox.StartAsync(Seed(org));
        using var cli = new SyncCli(sandbox);
        await cli.RunAsync("run");
        var (slackId, oktaId) = sandbox.Read(ExternalIdHolder);
        var before = sandbox.Read(SyncTruth.Held);

        sandbox.Change(s =>
        {
            s.AppUsers[s.SlackAppId].Remove(oktaId);
            s.OktaUsers.Find(oktaId)!.Email = "renamed.in.okta@example.com";
        });
        var (code, _, _) = await cli.RunAsync("run");

        Assert.Equal(0, code);
        Assert.Equal(before, sandbox.Read(SyncTruth.Held));
        Assert.Equal(RolesOf(sandbox, slackId), LastRun(cli).Kept);
    }

    [Theory]
    [MemberData(nameof(Orgs))]
    public async Task A_holder_slack_reports_deleted_still_loses_the_grants(string org)
    {
        await using var sandbox = await TestSandbox.StartAsync(Seed(org));
        using var cli = new SyncCli(sandbox);
        await cli.RunAsync("run");
        var (slackId, oktaId) = sandbox.Read(EmailHolder);
        var roles = RolesOf(sandbox, slackId);

        sandbox.Change(s => s.SlackUsers.Find(slackId)!.Deleted = true);
        var (code, _, _) = await cli.RunAsync("run");

        Assert.Equal(0, code);
        Assert.DoesNotContain(sandbox.Read(SyncTruth.Held), h => h.User == oktaId);
        var run = LastRun(cli);
        Assert.Equal((roles, 0L), (run.Removed, run.Kept));
    }

    [Fact]
    public async Task A_holder_whose_email_now_matches_another_okta_user_moves_and_the_move_is_reported()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        await cli.RunAsync("run");

        // carol (matched by email) takes zoe's address: carol's Slack role moves to zoe, visibly.
        sandbox.Change(s => s.SlackUsers.Find("U0CAROL0003")!.Email = "zoe@example.com");
        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(0, code);
        Assert.Contains("Identity links moved (1)", output);
        var held = sandbox.Read(SyncTruth.Held);
        Assert.Contains(("00u1zoe0000000000099", "Rl0J"), held);
        Assert.DoesNotContain(("00u1carol00000000003", "Rl0J"), held);
        Assert.Equal(1L, LastRun(cli).Moved);
        using var connection = new SqliteConnection($"Data Source={cli.DatabasePath}");
        Assert.Equal("00u1zoe0000000000099", connection.ExecuteScalar<string>("SELECT okta_user_id FROM identity_link WHERE slack_user_id = 'U0CAROL0003'"));
    }

    [Fact]
    public async Task A_moved_link_that_trips_the_guard_is_weighed_again_by_the_next_run()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        await cli.RunAsync("run");
        cli.Overrides["Sync:MaxRevocations"] = "0";
        sandbox.Change(s => s.SlackUsers.Find("U0CAROL0003")!.Email = "zoe@example.com");

        Assert.Equal(4, (await cli.RunAsync("run")).ExitCode);
        Assert.Equal(4, (await cli.RunAsync("run")).ExitCode);
        Assert.Contains(("00u1carol00000000003", "Rl0J"), sandbox.Read(SyncTruth.Held));

        Assert.Equal(0, (await cli.RunAsync("run", "--allow-mass-revocation")).ExitCode);
        Assert.DoesNotContain(("00u1carol00000000003", "Rl0J"), sandbox.Read(SyncTruth.Held));
    }

    [Fact]
    public async Task A_dry_run_shows_kept_grants_and_remembers_nothing_new()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        await cli.RunAsync("run");
        sandbox.Change(s => s.SlackUsers.Find("U0GRACE0008")!.Email = "grace@new-domain.example");
        var links = Links(cli);

        var (code, output, _) = await cli.RunAsync("run", "--dry-run");

        Assert.Equal(0, code);
        Assert.Contains("Grants kept: identity unresolved (1)", output);
        Assert.Contains("00u1grace00000000008", output);
        Assert.Equal(links, Links(cli));
    }

    [Fact]
    public async Task A_revocation_slack_confirms_is_applied_after_one_confirming_read_and_a_run_without_revocations_makes_none()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        await cli.RunAsync("run");

        var reads = sandbox.Host.Traffic.Requests["slack:admin.roles.listAssignments"];
        sandbox.Change(s => s.AddAssignment("Rl0L", "U0HEIDI0009", "E0SANDBOX01"));
        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);
        Assert.Equal(reads + 1, sandbox.Host.Traffic.Requests["slack:admin.roles.listAssignments"]);

        sandbox.Change(s => s.RemoveAssignments("Rl0L", "U0HEIDI0009", null));
        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);
        Assert.Equal(reads + 3, sandbox.Host.Traffic.Requests["slack:admin.roles.listAssignments"]);
        Assert.Equal(1L, LastRun(cli).Removed);
        sandbox.AssertOigMatchesSlack();
    }

    internal static SandboxSeed Seed(string org) => org == "demo"
        ? TestSandbox.DemoSeed()
        : SeedGenerator.Generate(new GeneratedOrgSpec(SlackUsers: 600, Assignments: 365, RandomSeed: 11));

    /// <summary>A role holder linked through exactly one app user's externalId, with their Okta user.</summary>
    internal static (string SlackId, string OktaId) ExternalIdHolder(SandboxState s)
    {
        var holders = s.Assignments.All.Select(a => a.UserId).ToHashSet();
        return s.AppUsers[s.SlackAppId].All
            .Where(u => u.ExternalId is not null && holders.Contains(u.ExternalId))
            .GroupBy(u => u.ExternalId!).Where(g => g.Count() == 1).Select(g => (g.Key, g.Single().UserId))
            .OrderBy(x => x.Key, StringComparer.Ordinal).First();
    }

    /// <summary>A role holder matched by email (no app user carries their Slack id), with their Okta user.</summary>
    internal static (string SlackId, string OktaId) EmailHolder(SandboxState s)
    {
        var linked = s.AppUsers[s.SlackAppId].All.Select(u => u.ExternalId).OfType<string>().ToHashSet();
        return s.Assignments.All.Select(a => a.UserId).Distinct().Order(StringComparer.Ordinal)
            .Where(id => !linked.Contains(id))
            .Select(id => s.SlackUsers.Find(id))
            .Where(u => u is { Deleted: false, IsBot: false, Email: not null })
            .Select(u => (u!.Id, Okta: s.OktaUsers.All.Where(o => string.Equals(o.Email, u.Email, StringComparison.OrdinalIgnoreCase)).ToList()))
            .Where(x => x.Okta.Count == 1)
            .Select(x => (x.Id, x.Okta[0].Id))
            .First();
    }

    internal static long RolesOf(TestSandbox sandbox, string slackId) =>
        sandbox.Read(s => s.Assignments.All.Where(a => a.UserId == slackId).Select(a => a.RoleId).Distinct().LongCount());

    internal static (string Status, long Added, long Removed, long Kept, long Conflicts, long Held, long Moved, string NotInOkta) LastRun(SyncCli cli)
    {
        using var connection = new SqliteConnection($"Data Source={cli.DatabasePath}");
        return connection.QuerySingle<(string, long, long, long, long, long, long, string)>(
            """
            SELECT status, assignments_added, assignments_removed, grants_kept_unresolved, identity_conflicts, revocations_held, links_moved, users_not_in_okta
            FROM sync_execution_log ORDER BY rowid DESC LIMIT 1
            """);
    }

    internal static string LastRunId(SyncCli cli)
    {
        using var connection = new SqliteConnection($"Data Source={cli.DatabasePath}");
        return connection.ExecuteScalar<string>("SELECT execution_id FROM sync_execution_log ORDER BY rowid DESC LIMIT 1")!;
    }

    private static long KeptFindings(SyncCli cli, string oktaId)
    {
        using var connection = new SqliteConnection($"Data Source={cli.DatabasePath}");
        return connection.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM sync_finding WHERE kind = 'KEPT_UNRESOLVED' AND okta_user_id = @oktaId AND execution_id = (SELECT execution_id FROM sync_execution_log ORDER BY rowid DESC LIMIT 1)",
            new { oktaId });
    }

    private static string Links(SyncCli cli)
    {
        using var connection = new SqliteConnection($"Data Source={cli.DatabasePath}");
        return string.Join(";", connection.Query<string>("SELECT slack_user_id || '=' || okta_user_id || '@' || last_confirmed FROM identity_link ORDER BY slack_user_id"));
    }
}
