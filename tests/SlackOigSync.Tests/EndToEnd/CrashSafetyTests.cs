using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Tests.Support;
using SlackOigSync.Sandbox.State;

namespace SlackOigSync.Tests.EndToEnd;

/// <summary>Kills the real worker process (kill -9) at several points of a run; the next run must converge with nothing duplicated or lost.</summary>
public sealed class CrashSafetyTests
{
    [Theory]
    [InlineData("slack:admin.roles.listAssignments", 1)]
    [InlineData("oig:POST /governance/api/v1/grants", 1)]
    [InlineData("oig:POST /governance/api/v1/grants", 3)]
    [InlineData("oig:POST /governance/api/v2/revoke-principal-access", 1)]
    public async Task A_run_killed_at_any_point_leaves_a_state_the_next_run_converges_from(string killDuring, int requestNumber)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Sync:WriteConcurrency"] = "1";
        sandbox.Host.Traffic.Configure(new FaultSettings
        {
            Rules =
            [
                new FaultRule { Endpoint = "oig:POST*", Slow = 1.0, SlowMilliseconds = 400 },
                new FaultRule { Endpoint = "slack:admin.roles.listAssignments", Slow = 1.0, SlowMilliseconds = 400 },
            ],
        });
        List<string> grantsBefore = sandbox.Read(s => s.Grants.All.Select(g => g.Id).ToList());

        await KillWorkerDuring(cli, sandbox, killDuring, requestNumber);

        List<string> createdByKilledRun;
        List<string> revokedFromByKilledRun;
        lock (sandbox.Host.State.Gate)
        {
            createdByKilledRun = [.. sandbox.Host.State.Grants.All.Where(g => !grantsBefore.Contains(g.Id)).Select(g => g.PrincipalUserId)];
            revokedFromByKilledRun = [.. sandbox.Host.State.RevocationLog.Select(r => r.UserId)];
        }

        sandbox.Host.Traffic.Configure(new FaultSettings());
        var (code, _, _) = await cli.RunAsync("run");

        Assert.Equal(0, code);
        sandbox.AssertOigMatchesSlack();

        using var connection = new SqliteConnection($"Data Source={cli.DatabasePath}");
        var killed = connection.QuerySingle<(string Id, string Status, string Error)>(
            "SELECT execution_id, status, error_message FROM sync_execution_log ORDER BY rowid LIMIT 1");
        Assert.Equal("FAILED", killed.Status);
        Assert.StartsWith("interrupted", killed.Error);
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sync_change_audit WHERE outcome = 'PENDING'"));

        // No audit row lost: every change the killed run made in OIG is in its trail (APPLIED, or UNKNOWN if it died mid-call).
        var traced = connection.Query<(string Action, string User)>(
            "SELECT action, okta_user_id FROM sync_change_audit WHERE execution_id = @Id AND outcome IN ('APPLIED', 'UNKNOWN')", new { killed.Id }).ToList();
        Assert.All(createdByKilledRun, user => Assert.Contains(("ADD_GRANT", user), traced));
        Assert.All(revokedFromByKilledRun, user => Assert.Contains(("REVOKE_GRANT", user), traced));
    }

    [Fact]
    public async Task Sigterm_during_writes_stops_the_worker_between_writes_with_a_partial_run()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Sync:WriteConcurrency"] = "1";
        sandbox.Host.Traffic.Configure(new FaultSettings { Rules = [new FaultRule { Endpoint = "oig:POST /governance/api/v1/grants", Slow = 1.0, SlowMilliseconds = 400 }] });

        var (exitCode, output) = await KillWorkerDuring(cli, sandbox, "oig:POST /governance/api/v1/grants", 2, signal: "TERM");

        Assert.Equal(3, exitCode);
        Assert.Contains("stopped by a shutdown request between writes", output);
        Assert.Equal(2, sandbox.Host.Traffic.Requests["oig:POST /governance/api/v1/grants"]);
        using var connection = new SqliteConnection($"Data Source={cli.DatabasePath}");
        Assert.Equal("PARTIAL", connection.ExecuteScalar<string>("SELECT status FROM sync_execution_log"));
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sync_change_audit WHERE outcome = 'PENDING'"));
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);

    private static async Task<(int ExitCode, string Output)> KillWorkerDuring(SyncCli cli, TestSandbox sandbox, string endpoint, int requestNumber, string signal = "KILL")
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "SlackOigSync.dll"), "run", "--config", Path.Combine(AppContext.BaseDirectory, "config", "appsettings.json") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = cli.Directory,
        };
        foreach (var (key, value) in cli.Overrides)
        {
            start.Environment["SLACK_OIG_SYNC_" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var worker = Process.Start(start)!;
        var output = worker.StandardOutput.ReadToEndAsync();
        var errors = worker.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var requested = sandbox.WhenRequestedAsync(endpoint, requestNumber, patience.Token);
        if (await Task.WhenAny(requested, worker.WaitForExitAsync()) != requested)
        {
            Assert.Fail($"the worker ended before request {requestNumber} of {endpoint}: {await errors}");
        }

        await requested; // throws if request {requestNumber} never came within a minute

        if (signal == "KILL")
        {
            worker.Kill(entireProcessTree: true);
        }
        else
        {
            Assert.Equal(0, SendSignal(worker.Id, 15)); // SIGTERM, as Kubernetes and systemd send it
        }

        await worker.WaitForExitAsync();
        await Task.WhenAll(output, errors);
        Assert.NotEqual(0, worker.ExitCode); // stopped, not finished
        // The sandbox finishes with the request the dead worker left; its lease is taken over at once (its process is gone from this host).
        using var idle = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await sandbox.WhenIdleAsync(idle.Token);
        return (worker.ExitCode, await output);
    }
}
