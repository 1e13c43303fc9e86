using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using SlackOigSync.Storage;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Storage;

/// <summary>Ways to produce genuine SQLite faults on the worker's own database, and what every fault must look like.</summary>
internal static class StorageFaults
{
    /// <summary>Runs <paramref name="hook"/> on every connection the worker opens on this file until disposed.</summary>
    public static IDisposable OnEveryConnection(string databasePath, Action<SqliteConnection> hook)
    {
        var key = Path.GetFullPath(databasePath);
        SyncDatabase.ConnectionHooksForTests[key] = hook;
        return new Removal(() => SyncDatabase.ConnectionHooksForTests.TryRemove(key, out _));
    }

    /// <summary>A connection of the test's own, outside the worker (no hooks, no pooling).</summary>
    public static SqliteConnection Connect(string databasePath)
    {
        var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    public static void AssertNoStackTrace(params string[] texts)
    {
        foreach (var text in texts)
        {
            Assert.DoesNotContain("   at ", text);
            Assert.DoesNotContain("Unhandled exception", text);
        }
    }

    public static void Chattr(string flag, string path)
    {
        using var chattr = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true })!;
        chattr.WaitForExit();
        Assert.True(chattr.ExitCode == 0, $"chattr {flag} {path} failed: {chattr.StandardError.ReadToEnd()}");
    }

    /// <summary>The worker as its own process (so its real stderr, logs included, is what the test reads), with the CLI's settings as environment variables.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunProcessAsync(SyncCli cli, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = cli.Directory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SlackOigSync.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "config", "appsettings.json"));
        foreach (var (key, value) in cli.Overrides)
        {
            start.Environment["SLACK_OIG_SYNC_" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var worker = Process.Start(start)!;
        var output = worker.StandardOutput.ReadToEndAsync();
        var errors = worker.StandardError.ReadToEndAsync();
        await worker.WaitForExitAsync();
        return (worker.ExitCode, await output, await errors);
    }

    public static long Runs(string databasePath)
    {
        using var connection = Connect(databasePath);
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sync_execution_log");
    }

    private sealed class Removal(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}
