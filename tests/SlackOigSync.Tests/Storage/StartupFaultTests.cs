using Dapper;
using SlackOigSync.Storage;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Storage;

/// <summary>
/// A database that cannot be used ends the worker before any API call: exit 2 where the operator must fix the file
/// or the path, exit 1 where running again later can work; one sentence naming the file; no stack trace.
/// </summary>
public sealed class StartupFaultTests
{
    [Fact]
    public async Task A_corrupted_database_file_is_refused_with_exit_2_and_the_way_out()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        var garbage = new byte[8192];
        new Random(7).NextBytes(garbage);
        await File.WriteAllBytesAsync(cli.DatabasePath, garbage);

        var (code, output, errors) = await cli.RunAsync("run");

        Assert.Equal(2, code);
        Assert.Equal(
            $"The database {cli.DatabasePath} is not a valid SQLite database (damaged, or another kind of file); restore it from backup or move it aside; a new one will be created.",
            errors.Trim());
        StorageFaults.AssertNoStackTrace(output, errors);
        Assert.Empty(sandbox.Host.Traffic.Requests);
        Assert.Equal(garbage, await File.ReadAllBytesAsync(cli.DatabasePath)); // left as it was, for the operator to inspect
    }

    [Fact]
    public async Task A_corrupted_database_file_stops_the_worker_process_with_one_sentence_and_no_stack_trace_unless_verbose()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        await File.WriteAllTextAsync(cli.DatabasePath, "this is not a database, but it is long enough to have a header of sorts........................................");

        var (code, output, errors) = await StorageFaults.RunProcessAsync(cli, "run");

        Assert.Equal(2, code);
        Assert.Contains("is not a valid SQLite database (damaged, or another kind of file); restore it from backup or move it aside; a new one will be created.", errors);
        StorageFaults.AssertNoStackTrace(output, errors);

        var verbose = await StorageFaults.RunProcessAsync(cli, "run", "--verbose");
        Assert.Equal(2, verbose.ExitCode);
        Assert.Contains("   at ", verbose.Errors);
        Assert.Empty(sandbox.Host.Traffic.Requests);
    }

    [Fact]
    public async Task A_directory_at_the_database_path_is_a_setting_to_fix_exit_2()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        Directory.CreateDirectory(cli.DatabasePath);

        var (code, output, errors) = await cli.RunAsync("run");

        Assert.Equal(2, code);
        Assert.Equal(
            $"Sync:DatabasePath {cli.DatabasePath} is a directory, not a file; set it to a file path such as {Path.Combine(cli.DatabasePath, "slack-oig-sync.db")}.",
            errors.Trim());
        StorageFaults.AssertNoStackTrace(output, errors);
        Assert.Empty(sandbox.Host.Traffic.Requests);
        Assert.Empty(Directory.EnumerateFileSystemEntries(cli.DatabasePath));
    }

    [Fact]
    public async Task A_read_only_database_is_refused_before_any_api_call_with_exit_2()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);
        var requests = await sandbox.TotalRequestsAsync();
        StorageFaults.Chattr("+i", cli.DatabasePath); // immutable: even root cannot write it
        try
        {
            var (code, output, errors) = await cli.RunAsync("run");

            Assert.Equal(2, code);
            Assert.Equal(
                $"The database {cli.DatabasePath} is read-only, so no run can be recorded in it; make the file and its directory writable by the user the worker runs as (check file attributes and mount options too), or set Sync:DatabasePath to a writable file.",
                errors.Trim());
            StorageFaults.AssertNoStackTrace(output, errors);
            Assert.Equal(requests, await sandbox.TotalRequestsAsync());

            // Reading still works: history lists the one recorded run.
            var history = await cli.RunAsync("history");
            Assert.Equal(0, history.ExitCode);
            Assert.Contains("SUCCESS", history.Output);
        }
        finally
        {
            StorageFaults.Chattr("-i", cli.DatabasePath);
        }

        Assert.Equal(1, StorageFaults.Runs(cli.DatabasePath));
    }

    [Fact]
    public async Task A_database_write_locked_past_the_busy_timeout_at_start_ends_with_exit_1_before_any_api_call()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);
        var requests = await sandbox.TotalRequestsAsync();
        using var shortPatience = StorageFaults.OnEveryConnection(cli.DatabasePath, c =>
        {
            c.Execute("PRAGMA busy_timeout = 50");
            c.DefaultTimeout = 1; // Microsoft.Data.Sqlite retries a busy statement for up to its command timeout (30 s by default)
        });
        using (var other = StorageFaults.Connect(cli.DatabasePath))
        {
            using var holding = other.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: another process holds the write lock
            other.Execute("UPDATE sync_execution_log SET error_message = error_message", transaction: holding);

            var (code, output, errors) = await cli.RunAsync("run");

            Assert.Equal(1, code);
            Assert.Equal(
                $"The database {cli.DatabasePath} is locked by another process and stayed locked past the busy timeout, so this run could not record its work; let the other process (another run, a backup, an open sqlite3 shell) finish, then run again.",
                errors.Trim());
            StorageFaults.AssertNoStackTrace(output, errors);
            Assert.Equal(requests, await sandbox.TotalRequestsAsync());
        }

        Assert.Equal(1, StorageFaults.Runs(cli.DatabasePath));
        using var connection = StorageFaults.Connect(cli.DatabasePath);
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sync_execution_log WHERE status = 'RUNNING'"));
    }

    [Fact]
    public async Task A_database_newer_than_this_build_is_refused_at_migrate_before_a_run_opens_or_any_api_call()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        new SyncDatabase(cli.DatabasePath).Migrate();
        using (var connection = StorageFaults.Connect(cli.DatabasePath))
        {
            connection.Execute("INSERT INTO schema_version (version, applied_at) VALUES (99, '2030-01-01T00:00:00Z')");
        }

        var (code, output, errors) = await cli.RunAsync("run");

        Assert.Equal(2, code);
        Assert.Equal(
            $"The database {cli.DatabasePath} has schema version 99, newer than this build knows (up to {Migrations.All[^1].Version}); run the release that wrote it or a newer one, or restore a backup written by this release; nothing was changed.",
            errors.Trim());
        StorageFaults.AssertNoStackTrace(output, errors);
        Assert.Empty(sandbox.Host.Traffic.Requests);
        Assert.Equal(0, StorageFaults.Runs(cli.DatabasePath));
        Assert.Equal(2, (await cli.RunAsync("history")).ExitCode);
    }

    [Fact]
    public async Task Workers_starting_together_on_a_new_database_queue_on_the_migration_instead_of_failing()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);

        // Eight bare migrations released at the same instant, then two real workers (dry runs take no lease) at once.
        var path = Path.Combine(cli.Directory, "together.db");
        using var start = new Barrier(8);
        var versions = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            return new SyncDatabase(path).Migrate();
        })));
        Assert.All(versions, v => Assert.Equal(Migrations.All[^1].Version, v));
        using (var connection = StorageFaults.Connect(path))
        {
            Assert.Equal(Migrations.All.Count, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM schema_version"));
        }

        var runs = await Task.WhenAll(cli.RunAsync("--dry-run"), cli.RunAsync("--dry-run"));

        Assert.All(runs, r => Assert.Equal(0, r.ExitCode));
        Assert.All(runs, r => StorageFaults.AssertNoStackTrace(r.Output, r.Errors));
        Assert.Equal(2, StorageFaults.Runs(cli.DatabasePath));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_directory_created_for_the_database_is_not_world_readable_or_writable()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        var directory = Path.Combine(cli.Directory, "state", "nested");
        cli.Overrides["Sync:DatabasePath"] = Path.Combine(directory, "sync.db");

        Assert.Equal(0, (await cli.RunAsync("--dry-run")).ExitCode);

        foreach (var created in new[] { directory, Path.GetDirectoryName(directory)! })
        {
            var mode = File.GetUnixFileMode(created);
            Assert.Equal(UnixFileMode.None, mode & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute | UnixFileMode.GroupWrite));
            Assert.True(mode.HasFlag(UnixFileMode.UserWrite));
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, "sync.db")));
    }

    [Fact]
    public async Task An_unexpected_exception_is_one_sentence_with_exit_1_and_its_stack_trace_only_with_verbose()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        using var bug = StorageFaults.OnEveryConnection(cli.DatabasePath, _ => throw new InvalidOperationException("a bug in the test hook"));

        var (code, output, errors) = await cli.RunAsync("run");

        Assert.Equal(1, code);
        Assert.Equal("unexpected InvalidOperationException: a bug in the test hook. Run again with --verbose for details.", errors.Trim());
        StorageFaults.AssertNoStackTrace(output, errors);
        var verbose = await cli.RunAsync("run", "--verbose");
        Assert.Equal(1, verbose.ExitCode);
        Assert.Contains("   at ", verbose.Errors);
        Assert.Empty(sandbox.Host.Traffic.Requests);
    }
}
