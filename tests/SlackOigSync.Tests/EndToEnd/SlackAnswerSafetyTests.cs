using Dapper;
using Microsoft.Data.Sqlite;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sandbox.State;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.EndToEnd;

/// <summary>
/// Slack answers that are short, incomplete or from a token that lost a scope: none of them revokes anything.
/// A shorter listing is caught by the confirming read (the run ends PARTIAL); a missing scope or a malformed answer
/// ends the run FAILED before anything is written.
/// </summary>
public sealed class SlackAnswerSafetyTests
{
    public static TheoryData<string> Orgs => ["demo", "generated"];

    [Theory]
    [MemberData(nameof(Orgs))]
    public async Task A_listing_page_with_fewer_items_revokes_nothing_and_the_run_ends_partial(string org)
    {
        await using var sandbox = await TestSandbox.StartAsync(UnresolvedHoldersKeepGrantsTests.Seed(org));
        using var cli = new SyncCli(sandbox);
        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);
        var before = sandbox.Read(SyncTruth.Held);

        // The first read loses its last two assignments once; the confirming read is whole again.
        sandbox.Host.AnswerFaults.Add(new AnswerFault("slack:admin.roles.listAssignments", AnswerFaultKind.DropItems, Count: 2));
        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(3, code);
        Assert.Equal(before, sandbox.Read(SyncTruth.Held));
        Assert.Contains("Revocations held", output);
        var run = UnresolvedHoldersKeepGrantsTests.LastRun(cli);
        Assert.Equal(("PARTIAL", 0L), (run.Status, run.Removed));
        Assert.True(run.Held > 0);
        Assert.Contains("confirming read", LastError(cli));

        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);
        Assert.Equal(before, sandbox.Read(SyncTruth.Held));
    }

    [Fact]
    public async Task A_listing_that_ends_one_page_early_revokes_nothing_even_with_the_guard_off()
    {
        await using var sandbox = await TestSandbox.StartAsync(UnresolvedHoldersKeepGrantsTests.Seed("generated"));
        using var cli = new SyncCli(sandbox);
        await cli.RunAsync("run");
        var before = sandbox.Read(SyncTruth.Held);

        sandbox.Host.AnswerFaults.Add(new AnswerFault("slack:admin.roles.listAssignments", AnswerFaultKind.EndEarly));
        var (code, _, _) = await cli.RunAsync("run", "--allow-mass-revocation");

        Assert.Equal(3, code);
        Assert.Equal(before, sandbox.Read(SyncTruth.Held));
        var run = UnresolvedHoldersKeepGrantsTests.LastRun(cli);
        Assert.Equal(0L, run.Removed);
        Assert.True(run.Held > 50, $"only {run.Held} held");
    }

    [Fact]
    public async Task Two_reads_that_disagree_hold_only_the_pairs_they_disagree_on()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        await cli.RunAsync("run");

        // ivan's role really goes; the first read also loses grace's (the page's last item) once.
        sandbox.Change(s => s.RemoveAssignments("Rl7Q", "U0IVAN00010", null));
        sandbox.Host.AnswerFaults.Add(new AnswerFault("slack:admin.roles.listAssignments", AnswerFaultKind.DropItems, Count: 1));
        var (code, _, _) = await cli.RunAsync("run");

        Assert.Equal(3, code);
        var held = sandbox.Read(SyncTruth.Held);
        Assert.DoesNotContain(("00u1ivan000000000010", "Rl7Q"), held);
        Assert.Contains(("00u1grace00000000008", "Rl0K"), held);
        var run = UnresolvedHoldersKeepGrantsTests.LastRun(cli);
        Assert.Equal((1L, 1L), (run.Removed, run.Held));
    }

    [Theory]
    [MemberData(nameof(Orgs))]
    public async Task A_token_without_users_read_email_ends_the_run_failed_naming_the_scope_before_any_lookup(string org)
    {
        await using var sandbox = await TestSandbox.StartAsync(UnresolvedHoldersKeepGrantsTests.Seed(org));
        using var cli = new SyncCli(sandbox);
        await cli.RunAsync("run");
        var state = await sandbox.StateAsync();
        sandbox.Host.SlackScopes.Set(sandbox.Host.Tokens.SlackUserToken, ["admin.roles:read", "admin.users:read", "users:read"]);
        var lookups = sandbox.Host.Traffic.Requests.GetValueOrDefault("slack:users.info");

        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(1, code);
        Assert.Contains("'users:read.email'", output);
        Assert.Equal(state, await sandbox.StateAsync());
        Assert.Equal(lookups, sandbox.Host.Traffic.Requests.GetValueOrDefault("slack:users.info"));
        Assert.Equal("FAILED", UnresolvedHoldersKeepGrantsTests.LastRun(cli).Status);
    }

    [Fact]
    public async Task An_admin_users_list_without_is_active_never_reads_anyone_as_deleted()
    {
        await using var sandbox = await TestSandbox.StartAsync(UnresolvedHoldersKeepGrantsTests.Seed("generated"));
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Sync:BulkLookup"] = "Always";
        await cli.RunAsync("run");
        var before = sandbox.Read(SyncTruth.Held);

        sandbox.Host.AnswerFaults.Add(new AnswerFault("slack:admin.users.list", AnswerFaultKind.OmitField, Field: "is_active"));
        var (code, _, _) = await cli.RunAsync("run");

        Assert.Equal(0, code);
        Assert.Equal(before, sandbox.Read(SyncTruth.Held));
        Assert.Equal(0L, UnresolvedHoldersKeepGrantsTests.LastRun(cli).Removed);
    }

    [Fact]
    public async Task A_users_info_answer_without_a_user_ends_the_run_failed_with_nothing_written()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Sync:BulkLookup"] = "Never";
        await cli.RunAsync("run");
        var state = await sandbox.StateAsync();

        sandbox.Host.AnswerFaults.Add(new AnswerFault("slack:users.info", AnswerFaultKind.OmitField, Field: "user"));
        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(1, code);
        Assert.Contains("users.info", output);
        Assert.Contains("malformed", output);
        Assert.Equal(state, await sandbox.StateAsync());
    }

    private static string LastError(SyncCli cli)
    {
        using var connection = new SqliteConnection($"Data Source={cli.DatabasePath}");
        return connection.ExecuteScalar<string>("SELECT error_message FROM sync_execution_log ORDER BY rowid DESC LIMIT 1") ?? string.Empty;
    }
}
