using Microsoft.Data.Sqlite;
using SlackOigSync.Sandbox.Seed;
using SlackOigSync.Tests.Support;
using Dapper;

namespace SlackOigSync.Tests.EndToEnd;

/// <summary>The seed guide's test plan: arrange a Slack truth, run the real command line against the sandbox, assert what OIG holds and what the log says.</summary>
public sealed class SyncScenarioTests
{
    private const string Esp = "esp1slacksysrole0001";

    [Fact]
    public async Task First_sync_creates_values_and_grants_and_logs_accurate_counts()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);

        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(0, code);
        Assert.Contains("Result: SUCCESS", output);
        var held = HeldRoles(sandbox);
        Assert.Equal(["Rl0C", "Rl0L"], held["00u1alice00000000001"]);
        Assert.Equal(["Rl02"], held["00u1bob0000000000002"]);
        Assert.Equal(["Rl0J"], held["00u1carol00000000003"]);
        Assert.Equal(["Rl0K"], held["00u1grace00000000008"]);
        Assert.Equal(["Rl7Q"], held["00u1ivan000000000010"]);
        Assert.False(held.ContainsKey("00u1heidi00000000009"));
        var names = ValueNames(sandbox);
        Assert.Equal("Analytics Admin", names["Rl0L"]);
        Assert.Equal("Slack role Rl7Q (not in catalogue)", names["Rl7Q"]);

        var log = LastRun(cli);
        Assert.Equal(("SUCCESS", 6L, 1L, 9L, 9L), (log.Status, log.Added, log.Removed, log.Users, log.Roles));
        Assert.Equal("[\"dave@contractor.example\",\"U0ERIN00005\"]", log.NotInOkta);
        using var connection = new SqliteConnection($"Data Source={cli.DatabasePath}");
        Assert.Equal(9, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM system_role_mapping WHERE okta_entitlement_id = @Esp", new { Esp }));
        Assert.Equal(7, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sync_change_audit WHERE action IN ('ADD_GRANT','REVOKE_GRANT') AND outcome = 'APPLIED'"));

        // One grant call per user (alice's two roles travel together), one PATCH for all new values.
        var requests = sandbox.Host.Traffic.Requests;
        Assert.Equal(5, requests["oig:POST /governance/api/v1/grants"]);
        Assert.Equal(1, requests["oig:PATCH /governance/api/v1/entitlements/{id}"]);
        // One full read, and one confirming read before the one revocation.
        Assert.Equal(2, requests["slack:admin.roles.listAssignments"]);
    }

    [Fact]
    public async Task Revocations_travel_five_value_orns_per_call()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        string[] roles = ["Rl01", "Rl03", "Rl04", "Rl05", "Rl09", "Rl0A", "Rl0B"];
        lock (sandbox.Host.State.Gate)
        {
            foreach (var role in roles)
            {
                sandbox.Host.State.AddAssignment(role, "U0HEIDI0009", "E0SANDBOX01");
            }
        }

        await cli.RunAsync("run");
        Assert.Equal(roles.Order(StringComparer.Ordinal), HeldRoles(sandbox)["00u1heidi00000000009"]);
        lock (sandbox.Host.State.Gate)
        {
            foreach (var role in roles)
            {
                sandbox.Host.State.RemoveAssignments(role, "U0HEIDI0009", null);
            }
        }

        // Seven of heidi's grants at once is past the mass-revocation guard: allowed for this run.
        var revokesBefore = sandbox.Host.Traffic.Requests["oig:POST /governance/api/v2/revoke-principal-access"];
        Assert.Equal(0, (await cli.RunAsync("run", "--allow-mass-revocation")).ExitCode);

        Assert.Equal(7L, LastRun(cli).Removed);
        Assert.Equal(2, sandbox.Host.Traffic.Requests["oig:POST /governance/api/v2/revoke-principal-access"] - revokesBefore);
        Assert.False(HeldRoles(sandbox).ContainsKey("00u1heidi00000000009"));
    }

    [Fact]
    public async Task A_second_sync_with_no_change_adds_and_removes_nothing()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        await cli.RunAsync("run");
        var before = await sandbox.StateAsync();

        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(0, code);
        Assert.Contains("No changes", output);
        Assert.Equal("SUCCESS", LastRun(cli).Status);
        Assert.Equal((0L, 0L), Changes(cli));
        Assert.Equal(before, await sandbox.StateAsync());
    }

    [Fact]
    public async Task One_new_slack_assignment_adds_one_grant_and_one_removed_revokes_one_value()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        await cli.RunAsync("run");

        sandbox.Change(s => s.AddAssignment("Rl0L", "U0HEIDI0009", "E0SANDBOX01"));

        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);
        Assert.Equal((1L, 0L), Changes(cli));
        Assert.Equal(["Rl0L"], HeldRoles(sandbox)["00u1heidi00000000009"]);

        sandbox.Change(s => s.RemoveAssignments("Rl0C", "U0ALICE0001", null));

        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);
        Assert.Equal((0L, 1L), Changes(cli));
        Assert.Equal(["Rl0L"], HeldRoles(sandbox)["00u1alice00000000001"]);
    }

    [Fact]
    public async Task A_role_removed_from_one_of_several_entities_is_kept()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        await cli.RunAsync("run");
        sandbox.Change(s => s.RemoveAssignments("Rl02", "U0BOB000002", "T0SANDBOX01"));

        await cli.RunAsync("run");
        Assert.Equal((0L, 0L), Changes(cli));
        Assert.Equal(["Rl02"], HeldRoles(sandbox)["00u1bob0000000000002"]);
    }

    [Fact]
    public async Task A_user_whose_email_okta_does_not_know_is_reported_and_everyone_else_is_processed()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        lock (sandbox.Host.State.Gate)
        {
            sandbox.Host.State.SlackUsers.Add("U0NEWHIRE99", new SlackOigSync.Sandbox.State.SlackUser { Id = "U0NEWHIRE99", Name = "newhire", Email = "new.hire@example.com", TeamId = "T0SANDBOX01" });
            sandbox.Host.State.AddAssignment("Rl0C", "U0NEWHIRE99", "E0SANDBOX01");
        }

        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(0, code);
        Assert.Contains("new.hire@example.com", output);
        Assert.Contains("new.hire@example.com", LastRun(cli).NotInOkta);
        Assert.Equal("SUCCESS", LastRun(cli).Status);
        Assert.Equal(6L, LastRun(cli).Added);
    }

    [Fact]
    public async Task Dry_run_reports_the_plan_and_leaves_the_sandbox_state_byte_for_byte_unchanged()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        var before = await sandbox.StateAsync();

        var (code, output, _) = await cli.RunAsync("--dry-run");

        Assert.Equal(0, code);
        Assert.Equal(before, await sandbox.StateAsync());
        Assert.Contains("DRY RUN", output);
        Assert.Contains("Entitlement values to create (8)", output);
        Assert.Contains("Grants to add (6 user x role, 5 grant calls)", output);
        Assert.Contains("Grants to revoke (1 user x role, 1 revoke call)", output);
        Assert.Contains("00u1heidi00000000009", output);
        using var connection = new SqliteConnection($"Data Source={cli.DatabasePath}");
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT dry_run FROM sync_execution_log"));
        Assert.Equal(7, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sync_change_audit WHERE outcome = 'PLANNED' AND action IN ('ADD_GRANT','REVOKE_GRANT')"));
    }

    [Fact]
    public async Task Grants_outside_the_managed_entitlement_survive_every_sync()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        lock (sandbox.Host.State.Gate)
        {
            // A POLICY grant of a managed value to someone Slack does not back, and a CUSTOM grant of another entitlement.
            sandbox.Host.State.Grants.Add("0gg1policyzoe0000001", new SlackOigSync.Sandbox.State.OigGrant
            {
                Id = "0gg1policyzoe0000001", GrantType = "POLICY", AppId = sandbox.AppId, PrincipalUserId = "00u1zoe0000000000099",
                Entitlements = { [Esp] = ["ent1auditlogsadmin01"] },
            });
        }

        var untouched = new[] { "0gg1aliceworkspace01", "0gg1bobpolicy0000001", "0gg1alicesalesforce1", "0gg1policyzoe0000001" };
        for (var i = 0; i < 3; i++)
        {
            await cli.RunAsync("run");
            lock (sandbox.Host.State.Gate)
            {
                sandbox.Host.State.RemoveAssignments("Rl0L", "U0ALICE0001", null);
                foreach (var id in untouched)
                {
                    var grant = sandbox.Host.State.Grants.Find(id);
                    Assert.NotNull(grant);
                    Assert.Equal("ACTIVE", grant.Status);
                    Assert.NotEmpty(grant.Entitlements.Values.SelectMany(v => v));
                }
            }
        }

        Assert.Equal(0L, LastRun(cli).Removed);
    }

    [Fact]
    public async Task A_missing_entitlement_is_created_with_one_value_per_slack_role()
    {
        var seed = TestSandbox.DemoSeed();
        seed = seed with
        {
            Entitlements = seed.Entitlements.Where(e => e.Id != Esp).ToList(),
            Grants = seed.Grants.Where(g => !g.Values.ContainsKey(Esp)).ToList(),
        };
        await using var sandbox = await TestSandbox.StartAsync(seed);
        using var cli = new SyncCli(sandbox);

        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);

        lock (sandbox.Host.State.Gate)
        {
            var created = Assert.Single(sandbox.Host.State.Entitlements.All, e => e.ExternalValue == "slack_system_role");
            Assert.Equal("Slack System Role", created.Name);
            Assert.True(created.MultiValue);
            Assert.Equal(9, created.Values.Count);
        }

        Assert.Equal(6L, LastRun(cli).Added);
    }

    [Fact]
    public async Task A_catalogue_rename_updates_the_value_name()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        var catalogue = Path.Combine(cli.Directory, "roles.json");
        File.WriteAllText(catalogue, File.ReadAllText(cli.Overrides["Sync:RoleCataloguePath"]!).Replace("\"Audit Logs Admin\"", "\"Audit Log Reader\""));
        cli.Overrides["Sync:RoleCataloguePath"] = catalogue;

        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);
        Assert.Equal("Audit Log Reader", ValueNames(sandbox)["Rl0C"]);
    }

    [Fact]
    public async Task Invalid_configuration_exits_2_naming_the_setting_and_no_request_reaches_the_sandbox()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Okta:SlackAppId"] = "slack-app";
        cli.Overrides["Slack:Token"] = sandbox.Host.Tokens.SlackBotToken;

        var (code, _, errors) = await cli.RunAsync("run");

        Assert.Equal(2, code);
        Assert.Contains("Okta:SlackAppId 'slack-app' is not an Okta app id", errors);
        Assert.Contains("Slack:Token is a bot token", errors);
        Assert.DoesNotContain(sandbox.Host.Tokens.SlackBotToken, errors);
        Assert.Equal(0, await sandbox.TotalRequestsAsync());
    }

    [Fact]
    public async Task Plain_http_to_a_non_loopback_host_is_refused_before_any_call()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Okta:OrgUrl"] = "http://acme.okta.com";
        var (code, _, errors) = await cli.RunAsync("run");
        Assert.Equal(2, code);
        Assert.Contains("Okta:OrgUrl 'http://acme.okta.com' uses plain HTTP", errors);
    }

    [Fact]
    public async Task A_slack_read_failure_ends_the_run_failed_with_the_cause_and_writes_nothing_to_oig()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Slack:Token"] = sandbox.Host.Tokens.SlackLimitedUserToken;
        var before = await sandbox.StateAsync();

        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(1, code);
        Assert.Contains("admin.roles:read", output);
        Assert.Equal(before, await sandbox.StateAsync());
        Assert.Equal("FAILED", LastRun(cli).Status);
    }

    [Fact]
    public async Task Governance_engine_off_fails_the_run_with_a_clear_cause()
    {
        var seed = TestSandbox.DemoSeed() with { GovernanceDisabledApps = ["0oa1slackapp00000001"] };
        await using var sandbox = await TestSandbox.StartAsync(seed);
        using var cli = new SyncCli(sandbox);

        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(1, code);
        Assert.Contains("Governance Engine", output);
        Assert.Contains("Governance Engine", LastRunError(cli));
    }

    [Fact]
    public async Task Tokens_never_reach_the_output_or_the_database()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        var (_, output, errors) = await cli.RunAsync("run");
        var (_, history, _) = await cli.RunAsync("history");

        var written = output + errors + history + string.Concat(Directory.GetFiles(cli.Directory).Select(f => System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(f))));
        Assert.DoesNotContain(sandbox.Host.Tokens.SlackUserToken, written);
        Assert.DoesNotContain(sandbox.Host.Tokens.OktaApiToken, written);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cli.DatabasePath));
        }
    }

    [Fact]
    public async Task History_and_show_print_the_runs_and_their_changes()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        await cli.RunAsync("run");
        var (code, history, _) = await cli.RunAsync("history");
        Assert.Equal(0, code);
        var id = history.Split('\n').Select(l => l.Trim()).First(l => l.Contains("SUCCESS", StringComparison.Ordinal)).Split(' ')[0];

        var (showCode, shown, _) = await cli.RunAsync("show", id);

        Assert.Equal(0, showCode);
        Assert.Contains("REVOKE_GRANT", shown);
        Assert.Contains("00u1heidi00000000009", shown);
        Assert.Equal(2, (await cli.RunAsync("show", "slack-sync-nope")).ExitCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Many_unlinked_users_are_resolved_from_bulk_listings_with_the_same_outcome(bool tokenMayListUsers)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Sync:BulkLookup"] = "Always";
        if (!tokenMayListUsers)
        {
            cli.Overrides["Slack:Token"] = sandbox.Host.Tokens.SlackNoUserListToken;
        }

        var (code, _, _) = await cli.RunAsync("run");

        Assert.Equal(0, code);
        var held = HeldRoles(sandbox);
        Assert.Equal(["Rl0J"], held["00u1carol00000000003"]);
        Assert.Equal(["Rl0K"], held["00u1grace00000000008"]);
        Assert.Equal("[\"dave@contractor.example\",\"U0ERIN00005\"]", LastRun(cli).NotInOkta);
        var requests = sandbox.Host.Traffic.Requests;
        // Okta's users are listed once either way (the list and the search share an endpoint: one call means no search).
        Assert.Equal(1, requests["okta:GET /api/v1/users"]);
        if (tokenMayListUsers)
        {
            Assert.Equal(1, requests["slack:admin.users.list"]);
            // admin.users.list leaves deactivated users out (as Slack does): frank, deleted, is asked about alone.
            Assert.Equal(1, requests["slack:users.info"]);
        }
        else
        {
            Assert.Equal(6, requests["slack:users.info"]);
        }
    }

    private static Dictionary<string, List<string>> HeldRoles(TestSandbox sandbox)
    {
        lock (sandbox.Host.State.Gate)
        {
            var roles = sandbox.Host.State.Entitlements.Find(Esp)!.Values.ToDictionary(v => v.Id, v => v.ExternalValue);
            return sandbox.Host.State.Grants.All
                .Where(g => g.Status == "ACTIVE" && g.GrantType == "ENTITLEMENT" && g.Entitlements.ContainsKey(Esp))
                .SelectMany(g => g.Entitlements[Esp].Select(v => (g.PrincipalUserId, Role: roles[v])))
                .GroupBy(x => x.PrincipalUserId)
                .ToDictionary(g => g.Key, g => g.Select(x => x.Role).Distinct().Order(StringComparer.Ordinal).ToList());
        }
    }

    private static Dictionary<string, string> ValueNames(TestSandbox sandbox)
    {
        lock (sandbox.Host.State.Gate)
        {
            return sandbox.Host.State.Entitlements.All.Single(e => e.ExternalValue == "slack_system_role").Values.ToDictionary(v => v.ExternalValue, v => v.Name);
        }
    }

    private static (string Status, long Added, long Removed, long Users, long Roles, string NotInOkta) LastRun(SyncCli cli)
    {
        using var connection = new SqliteConnection($"Data Source={cli.DatabasePath}");
        return connection.QuerySingle<(string, long, long, long, long, string)>(
            "SELECT status, assignments_added, assignments_removed, total_slack_users, total_entitlements_synced, users_not_in_okta FROM sync_execution_log ORDER BY rowid DESC LIMIT 1");
    }

    /// <summary>Assignments added and removed by the last run.</summary>
    private static (long Added, long Removed) Changes(SyncCli cli)
    {
        var run = LastRun(cli);
        return (run.Added, run.Removed);
    }

    private static string LastRunError(SyncCli cli)
    {
        using var connection = new SqliteConnection($"Data Source={cli.DatabasePath}");
        return connection.ExecuteScalar<string>("SELECT error_message FROM sync_execution_log ORDER BY rowid DESC LIMIT 1") ?? string.Empty;
    }
}
