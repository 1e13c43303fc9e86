using Dapper;
using Microsoft.Data.Sqlite;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Storage;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Storage;

/// <summary>api_backoff_ms (migration 8): back-off after errors is recorded apart from waits on rate limits.</summary>
public sealed class BackoffCounterTests
{
    [Fact]
    public async Task Server_errors_alone_are_recorded_as_backoff_not_as_rate_limit_waits()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Http:BaseDelay"] = "00:00:00.050";
        sandbox.Host.Traffic.Configure(new FaultSettings { Seed = 4, Rules = [new FaultRule { Endpoint = "slack:*", ServerError = 0.5 }] });

        var (code, _, _) = await cli.RunAsync("run");

        Assert.Equal(0, code);
        Assert.True(sandbox.Host.Traffic.InjectedFaults.Values.Sum() > 0);
        using var connection = new SqliteConnection($"Data Source={cli.DatabasePath}");
        var (retries, wait, backoff) = connection.QuerySingle<(long, long, long)>("SELECT api_retries, api_wait_ms, api_backoff_ms FROM sync_execution_log");
        Assert.True(retries > 0);
        Assert.Equal(0, wait);
        Assert.True(backoff > 0);
    }

    [Fact]
    public void Migration_8_adds_the_column_and_leaves_room_for_6_and_7()
    {
        Assert.Contains(Migrations.All, m => m.Version == 8 && m.Sql.Contains("api_backoff_ms", StringComparison.Ordinal));
        Assert.Equal(Migrations.All.Select(m => m.Version).Order(), Migrations.All.Select(m => m.Version));
    }
}
