using System.Globalization;

namespace SlackOigSync.Bench;

/// <summary>One org under tight rate budgets, with pacing off and on: 429 storms versus waiting for the window.</summary>
public static class RateLimitBench
{
    public static async Task<int> RunAsync(int size, int latency)
    {
        Console.WriteLine($"Rate-limit mode: {size} assignments; budgets per 10 s window: Okta user search 20, app users 5, grants POST 40, grants GET 10, Slack users.info 50");
        Console.WriteLine();
        Console.WriteLine("PACING  STATUS    CALLS   429s  RETRIES  WAIT s  WALL s");
        foreach (var reserve in new[] { "0", "0.05" })
        {
            await using var sandbox = await SandboxProcess.StartAsync(slackUsers: size * 2, assignments: size, randomSeed: 42);
            await sandbox.PutAsync("_sandbox/faults", new { latencyMilliseconds = latency });
            await sandbox.PutAsync("_sandbox/rate-limits", new
            {
                windowSeconds = 10,
                defaultLimit = 100_000,
                limits = new Dictionary<string, int>
                {
                    ["okta:GET /api/v1/users"] = 20,
                    ["okta:GET /api/v1/apps/{appId}/users"] = 5,
                    ["oig:POST /governance/api/v1/grants"] = 40,
                    ["oig:GET /governance/api/v1/grants"] = 10,
                    ["slack:users.info"] = 50,
                },
            });
            var database = Path.Combine(Path.GetTempPath(), $"bench-rl-{Guid.NewGuid():N}.db");
            var appId = (await sandbox.StateAsync()).SlackAppId;
            var outcome = await WorkerProcess.RunAsync(sandbox.BaseUrl, database, new Dictionary<string, string>
            {
                ["Okta__SlackAppId"] = appId, ["Http__RateLimitReserve"] = reserve, ["Http__RetryBudgetPerRun"] = "5000",
            });
            var calls = (await sandbox.RequestsAsync()).Values.Sum();
            var rejected = (await sandbox.CountersAsync("rateLimited")).Values.Sum();
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database}");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT api_retries, api_wait_ms FROM sync_execution_log";
            using var reader = command.ExecuteReader();
            reader.Read();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(reserve == "0" ? "off" : "on"),-6}  {(outcome.ExitCode == 0 ? "SUCCESS" : $"EXIT {outcome.ExitCode}"),-8}  {calls,5}  {rejected,5}  {reader.GetInt64(0),7}  {reader.GetInt64(1) / 1000.0,6:F1}  {outcome.WallSeconds,6:F1}"));
        }

        return 0;
    }
}
