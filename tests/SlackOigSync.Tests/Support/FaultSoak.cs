using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sandbox.Seed;
using SlackOigSync.Sandbox.State;

namespace SlackOigSync.Tests.Support;

/// <summary>What a soak found, and the table it prints.</summary>
public sealed record SoakReport(
    int Runs, IReadOnlyDictionary<string, int> Statuses, long Calls, long Faults, IReadOnlyDictionary<string, long> FaultsByKind,
    long Retries, int UnsafeRevocations, int ForeignGrantChanges, IReadOnlyList<int> DifferencesAfterSuccess, int Duplicates, int FinalDifference, string FinalStatus, string Table)
{
    public double FaultShare => Calls == 0 ? 0 : (double)Faults / Calls;
}

/// <summary>
/// Consecutive syncs against a sandbox that faults a share of all calls in mixed ways, with random Slack churn
/// between runs. Checks after every run: no revocation took away a role Slack backs (a holder whose new email matches
/// nobody still backs their roles on the Okta user they were last matched to), no grant outside the managed
/// entitlement changed, and after every SUCCESS, OIG equals the Slack truth.
/// </summary>
public static class FaultSoak
{
    public static async Task<SoakReport> RunAsync(int runs, int seed)
    {
        var random = new Random(seed);
        var org = SeedGenerator.Generate(new GeneratedOrgSpec(SlackUsers: 400, Assignments: 220, RandomSeed: seed));
        await using var sandbox = await TestSandbox.StartAsync(org);
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Http:AttemptTimeout"] = "00:00:01";
        var foreignIds = AddForeignGrants(sandbox.Host.State, org);
        var foreign = ForeignGrants(sandbox.Host.State, foreignIds);

        sandbox.Host.Traffic.Configure(new FaultSettings
        {
            Seed = seed,
            Rules =
            [
                new FaultRule { Endpoint = "*", RateLimited = 0.03, ServerError = 0.03, Unavailable = 0.02, Drop = 0.02, Slow = 0.01, SlowMilliseconds = 1_500 },
                new FaultRule { Endpoint = "oig:POST*", DropAfterWrite = 0.06 },
                new FaultRule { Endpoint = "oig:PATCH*", DropAfterWrite = 0.06 },
            ],
        });

        var statuses = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var differences = new List<int>();
        var unsafeRevocations = 0;
        var remembered = new Dictionary<string, string>(StringComparer.Ordinal);
        var foreignChanges = 0;
        var rows = new List<string>();
        for (var run = 1; run <= runs; run++)
        {
            var churn = Churn(sandbox.Host.State, random);
            int revocationsBefore;
            lock (sandbox.Host.State.Gate)
            {
                revocationsBefore = sandbox.Host.State.RevocationLog.Count;
            }

            var (code, _, _) = await cli.RunAsync("run");
            var status = code switch { 0 => "SUCCESS", 1 => "FAILED", 3 => "PARTIAL", 4 => "BLOCKED", _ => $"EXIT {code}" };
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            lock (sandbox.Host.State.Gate)
            {
                var state = sandbox.Host.State;
                var desired = SyncTruth.Desired(state, remembered);
                unsafeRevocations += state.RevocationLog.Skip(revocationsBefore)
                    .Count(r => SyncTruth.RoleOfValue(state, r.ValueId) is { } role && desired.Contains((r.UserId, role)));
                foreignChanges += ForeignGrants(state, foreignIds) == foreign ? 0 : 1;
                var difference = SyncTruth.Difference(state, remembered);
                if (code == 0)
                {
                    differences.Add(difference);
                }

                rows.Add($"{run,4}  {status,-8}  {churn,-28}  {difference,10}");
            }
        }

        sandbox.Host.Traffic.Configure(new FaultSettings());
        var (finalCode, _, _) = await cli.RunAsync("run");
        int finalDifference, duplicates;
        lock (sandbox.Host.State.Gate)
        {
            finalDifference = SyncTruth.Difference(sandbox.Host.State, remembered);
            duplicates = SyncTruth.Duplicates(sandbox.Host.State);
        }

        using var connection = new SqliteConnection($"Data Source={cli.DatabasePath}");
        var retries = connection.ExecuteScalar<long>("SELECT COALESCE(SUM(api_retries), 0) FROM sync_execution_log");
        var calls = sandbox.Host.Traffic.Requests.Values.Sum();
        var faultsByKind = new SortedDictionary<string, long>(sandbox.Host.Traffic.InjectedFaults.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal);
        var faults = faultsByKind.Values.Sum();

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Fault soak: {runs} syncs (seed {seed}), {org.RoleAssignments.Count} assignments to start, random Slack churn between runs");
        table.AppendLine(" RUN  STATUS    CHURN BEFORE THE RUN          DIFFERENCE");
        rows.ForEach(r => table.AppendLine(r));
        table.AppendLine();
        table.AppendLine(CultureInfo.InvariantCulture, $"runs                       {runs}");
        table.AppendLine(CultureInfo.InvariantCulture, $"statuses                   {string.Join(", ", statuses.Select(kv => $"{kv.Key} {kv.Value}"))}");
        table.AppendLine(CultureInfo.InvariantCulture, $"API calls answered         {calls}");
        table.AppendLine(CultureInfo.InvariantCulture, $"faults injected            {faults} ({100.0 * faults / Math.Max(1, calls):F1}% of calls: {string.Join(", ", faultsByKind.Select(kv => $"{kv.Key} {kv.Value}"))})");
        table.AppendLine(CultureInfo.InvariantCulture, $"retries (sum of runs)      {retries}");
        table.AppendLine(CultureInfo.InvariantCulture, $"unsafe revocations         {unsafeRevocations}");
        table.AppendLine(CultureInfo.InvariantCulture, $"foreign grants touched     {foreignChanges}");
        table.AppendLine(CultureInfo.InvariantCulture, $"max difference after SUCCESS {(differences.Count == 0 ? "-" : differences.Max().ToString(CultureInfo.InvariantCulture))}");
        table.AppendLine(CultureInfo.InvariantCulture, $"duplicate grants           {duplicates}");
        table.AppendLine(CultureInfo.InvariantCulture, $"final fault-free run       exit {finalCode}, difference {finalDifference}");

        return new SoakReport(runs, statuses, calls, faults, faultsByKind, retries, unsafeRevocations, foreignChanges, differences, duplicates, finalDifference,
            finalCode == 0 ? "SUCCESS" : $"EXIT {finalCode}", table.ToString());
    }

    /// <summary>Grants the sync must never touch: another entitlement's ENTITLEMENT grants and a POLICY grant.</summary>
    private static List<string> AddForeignGrants(SandboxState state, SandboxSeed org)
    {
        lock (state.Gate)
        {
            var now = state.Clock.GetUtcNow();
            var other = new OigEntitlement { Id = "esp1soakworkspace001", AppId = state.SlackAppId, Name = "Workspace", ExternalValue = "workspace", Created = now, LastUpdated = now };
            other.Values.Add(new OigEntitlementValue { Id = "ent1soakworkspace001", EntitlementId = other.Id, Name = "Main", ExternalValue = "T0MAIN", Created = now, LastUpdated = now });
            state.Entitlements.Add(other.Id, other);
            var ids = new List<string>();
            foreach (var (user, index) in org.AppUsers.Take(4).Select((u, i) => (u.UserId, i)))
            {
                var grant = new OigGrant { Id = $"0gg1soakforeign{index:D5}", GrantType = index == 0 ? "POLICY" : "ENTITLEMENT", AppId = state.SlackAppId, PrincipalUserId = user, Created = now, LastUpdated = now };
                grant.Entitlements[other.Id] = [other.Values[0].Id];
                state.Grants.Add(grant.Id, grant);
                ids.Add(grant.Id);
            }

            return ids;
        }
    }

    private static string ForeignGrants(SandboxState state, List<string> ids)
    {
        lock (state.Gate)
        {
            return JsonSerializer.Serialize(ids.Select(id => state.Grants.Find(id)).Select(g => new { g!.Id, g.Status, g.Entitlements }));
        }
    }

    /// <summary>1–3 random changes to the Slack truth: new assignments, removed assignments, a changed email.</summary>
    private static string Churn(SandboxState state, Random random)
    {
        lock (state.Gate)
        {
            int added = 0, removed = 0, emails = 0;
            var users = state.SlackUsers.All.Take(300).ToList();
            for (var i = random.Next(1, 4); i > 0; i--)
            {
                var roll = random.NextDouble();
                var assignments = state.Assignments.All.ToList();
                if (roll < 0.5 || assignments.Count == 0)
                {
                    state.AddAssignment(SeedGenerator.SystemRoleIds[random.Next(SeedGenerator.SystemRoleIds.Length)], users[random.Next(users.Count)].Id, "E0GENERATED");
                    added++;
                }
                else if (roll < 0.9)
                {
                    var victim = assignments[random.Next(assignments.Count)];
                    state.RemoveAssignments(victim.RoleId, victim.UserId, null);
                    removed++;
                }
                else
                {
                    var holder = state.SlackUsers.Find(assignments[random.Next(assignments.Count)].UserId)!;
                    holder.Email = $"renamed{random.Next(100_000)}@example.org";
                    emails++;
                }
            }

            return $"+{added} assignments, -{removed}, {emails} email";
        }
    }
}
