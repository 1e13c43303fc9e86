using System.Globalization;
using System.Text;

namespace SlackOigSync.Bench;

/// <summary>Per org size: first sync, no-change sync and 1% churn; calls by endpoint against the floor, wall time, peak memory.</summary>
public static class CallBench
{
    public static async Task<int> RunAsync(int[] sizes, int latency)
    {
        var rows = new List<string>();
        var details = new StringBuilder();
        foreach (var size in sizes)
        {
            // An org twice as large as its role holders, 16 roles, ~90% of people linked through the Okta app's externalId.
            await using var sandbox = await SandboxProcess.StartAsync(slackUsers: Math.Max(50, size * 2), assignments: size, randomSeed: 42);
            await sandbox.PutAsync("_sandbox/faults", new { latencyMilliseconds = latency });
            var database = Path.Combine(Path.GetTempPath(), $"bench-{size}-{Guid.NewGuid():N}.db");
            foreach (var scenario in new[] { "first sync", "no change", "1% churn" })
            {
                if (scenario == "1% churn")
                {
                    await ChurnAsync(sandbox, size);
                }

                var state = await sandbox.StateAsync();
                var floor = CallFloor.Of(state);
                await sandbox.ResetCountersAsync();
                var outcome = await WorkerProcess.RunAsync(sandbox.BaseUrl, database, new Dictionary<string, string> { ["Okta__SlackAppId"] = state.SlackAppId });
                var calls = await sandbox.RequestsAsync();
                var total = calls.Values.Sum();
                var readSeconds = floor.SequentialChain * latency / 1000.0;
                var floorSeconds = (floor.SequentialChain + floor.WriteChain) * latency / 1000.0;
                rows.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{size,7}  {scenario,-10}  {(outcome.ExitCode == 0 ? "SUCCESS" : $"EXIT {outcome.ExitCode}"),-8}  {total,7}  {floor.Minimum,7}  {(double)total / Math.Max(1, floor.Minimum),5:F2}  {floor.Pages,6}  {floor.Lookups,7}  {floor.Writes,6}  {floor.ProvisionedLookups(calls),9}  {outcome.WallSeconds,7:F1}  {100 * readSeconds / outcome.WallSeconds,6:F0}%  {100 * floorSeconds / outcome.WallSeconds,5:F0}%  {outcome.PeakMegabytes,7}  {floor.SeedGuideCalls,10}"));
                details.AppendLine(CultureInfo.InvariantCulture, $"{size} / {scenario}: {string.Join(", ", calls.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"))}");
                if (outcome.ExitCode != 0)
                {
                    details.AppendLine(outcome.Errors);
                }

                Console.Error.WriteLine($"  done: {size} {scenario} in {outcome.WallSeconds:F1}s");
            }

            File.Delete(database);
        }

        Console.WriteLine();
        Console.WriteLine("   SIZE  SCENARIO    STATUS      CALLS  MINIMUM  RATIO   PAGES  LOOKUPS  WRITES  PROV.LOOK   WALL s   READS  FLOOR  PEAK MB  SEED GUIDE");
        rows.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine("SIZE: role assignments. MINIMUM = PAGES (every list read once at the largest page size) + LOOKUPS (for Slack users not linked through the");
        Console.WriteLine("Okta app's externalId: users.info + Okta search each, or bulk listings of both orgs' users, whichever is fewer) + WRITES (one PATCH for new values, one grant call per user gaining roles, one revoke call per");
        Console.WriteLine("five values per user). PROV.LOOK: per-user look-ups spent on linked (provisioned) users. READS: the unavoidable sequential read chain (the");
        Console.WriteLine("longest paged list, then the look-ups: the longest bulk list, or per-user calls 4 at a time) x latency, as a share of wall time.");
        Console.WriteLine("FLOOR: that chain plus the writes 4 at a time, x latency, as a share of wall time");
        Console.WriteLine("(wall time includes the worker process's start, about 0.7 s). PEAK MB: the worker's own peak working set. SEED GUIDE: the seed guide's");
        Console.WriteLine("per-assignment algorithm on the same data (users.info + Okta search per assignment, one grant call per user x role).");
        Console.WriteLine();
        Console.WriteLine("Calls by endpoint:");
        Console.Write(details);
        return 0;
    }

    /// <summary>1% of assignments change: half removed, half added (new holders included).</summary>
    private static async Task ChurnAsync(SandboxProcess sandbox, int size)
    {
        var state = await sandbox.StateAsync();
        var random = new Random(7);
        var changes = Math.Max(2, size / 100);
        foreach (var victim in state.RoleAssignments.OrderBy(_ => random.Next()).Take(changes / 2))
        {
            await sandbox.DeleteAsync($"_sandbox/slack/assignments?roleId={victim.RoleId}&userId={victim.UserId}");
        }

        var roles = new[] { "Rl01", "Rl02", "Rl03", "Rl0C", "Rl0L" };
        foreach (var user in state.SlackUsers.OrderBy(_ => random.Next()).Take(changes - (changes / 2)))
        {
            await sandbox.PostAsync("_sandbox/slack/assignments", new { roleId = roles[random.Next(roles.Length)], userId = user.Id, entityId = state.EnterpriseId, dateCreate = 0 });
        }
    }
}
