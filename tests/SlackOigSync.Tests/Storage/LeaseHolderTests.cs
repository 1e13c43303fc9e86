using System.Diagnostics;
using Dapper;
using SlackOigSync.Storage;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Storage;

/// <summary>The lease knows its holder's host and process: a dead holder here is taken over, any other is named with the way out.</summary>
public sealed class LeaseHolderTests
{
    [Fact]
    public async Task A_lease_whose_process_on_this_host_is_gone_is_taken_over_at_once()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        new SyncDatabase(cli.DatabasePath).Migrate();
        HoldLease(cli, "slack-sync-killed", Environment.MachineName, DeadProcessId(), DateTimeOffset.UtcNow.AddHours(1));

        var (code, output, errors) = await cli.RunAsync("run");

        Assert.Equal(0, code);
        StorageFaults.AssertNoStackTrace(output, errors);
        Assert.True(sandbox.Host.Traffic.Requests.GetValueOrDefault("oig:POST /governance/api/v1/grants") > 0);
        sandbox.AssertOigMatchesSlack();
        Assert.Null(new RunLease(new SyncDatabase(cli.DatabasePath)).Current()); // released at the end of the run
    }

    [Fact]
    public async Task A_lease_held_elsewhere_is_refused_with_its_expiry_and_the_release_lease_command_which_frees_it()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        new SyncDatabase(cli.DatabasePath).Migrate();
        var until = DateTimeOffset.UtcNow.AddHours(1);
        HoldLease(cli, "slack-sync-elsewhere", "other-host", 4242, until);

        var (code, output, errors) = await cli.RunAsync("run");

        Assert.Equal(1, code);
        Assert.Contains(
            $"another run (slack-sync-elsewhere) holds this database's lease until {OldStamp(until)} (process 4242 on host other-host); two runs never apply at once. If that process is gone, wait until then or release the lease by hand with the 'release-lease' command.",
            output);
        StorageFaults.AssertNoStackTrace(output, errors);
        Assert.Empty(sandbox.Host.Traffic.Requests);
        using (var connection = StorageFaults.Connect(cli.DatabasePath))
        {
            Assert.Equal("FAILED", connection.ExecuteScalar<string>("SELECT status FROM sync_execution_log"));
        }

        var released = await cli.RunAsync("release-lease");
        Assert.Equal(0, released.ExitCode);
        Assert.Equal(
            $"Released the lease of {cli.DatabasePath} held by slack-sync-elsewhere, process 4242 on host other-host until {OldStamp(until)}; the next run may apply.",
            released.Output.Trim());
        Assert.Equal($"No run holds the lease of {cli.DatabasePath}; nothing to release.", (await cli.RunAsync("release-lease")).Output.Trim());

        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);
        sandbox.AssertOigMatchesSlack();
    }

    [Fact]
    public async Task Release_lease_refuses_to_pull_the_lease_from_under_a_live_process_on_this_host()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        new SyncDatabase(cli.DatabasePath).Migrate();
        HoldLease(cli, "slack-sync-alive", Environment.MachineName, Environment.ProcessId, DateTimeOffset.UtcNow.AddHours(1));

        var (code, output, errors) = await cli.RunAsync("release-lease");

        Assert.Equal(1, code);
        Assert.Contains($"is held by slack-sync-alive, process {Environment.ProcessId} on host {Environment.MachineName}", errors);
        Assert.Contains("that process is still running on this host", errors);
        StorageFaults.AssertNoStackTrace(output, errors);
        Assert.Equal("slack-sync-alive", new RunLease(new SyncDatabase(cli.DatabasePath)).Current()!.Holder);
    }

    private static void HoldLease(SyncCli cli, string holder, string host, int processId, DateTimeOffset until)
    {
        using var connection = StorageFaults.Connect(cli.DatabasePath);
        connection.Execute(
            "INSERT INTO sync_lease (name, holder, expires_at, host, process_id) VALUES ('sync', @holder, @until, @host, @processId)",
            new { holder, until = OldStamp(until), host, processId });
    }

    /// <summary>
    /// A lease expiry as builds before migration 9 wrote it ("yyyy-MM-ddTHH:mm:ss.fffZ"), which is also how messages name
    /// it: the rows these tests write are old rows, read as they must still be.
    /// </summary>
    private static string OldStamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The id of a process that has just exited.</summary>
    private static int DeadProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true"))!;
        process.WaitForExit();
        return process.Id;
    }
}
