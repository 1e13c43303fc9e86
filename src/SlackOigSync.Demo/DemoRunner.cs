using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SlackOigSync.Alerts;
using SlackOigSync.Cli;
using SlackOigSync.Hosting;
using SlackOigSync.Configuration;
using SlackOigSync.Sandbox;
using SlackOigSync.Sandbox.Seed;
using SlackOigSync.Storage;
using SlackOigSync.Sync;

namespace SlackOigSync.Demo;

/// <summary>
/// The demo: the real sync against the bundled sandbox, in acts: a first sync, a change in Slack, the differential
/// sync, a sync with nothing to do, and a Slack answer that lost most admins, which the mass-revocation guard blocks
/// and which posts a Slack alert to the sandbox's webhook. Writes data/demo.db (fresh each time). Exit 0 when every
/// act ended as the demo expects.
/// </summary>
public static class DemoRunner
{
    /// <param name="request">The worker's host request (configuration sources, console); the sandbox's addresses and tokens go over it.</param>
    /// <param name="configuration">The same sources, read for the demo's own settings (Demo:SeedPath, Demo:DatabasePath).</param>
    public static async Task<int> RunAsync(HostRequest request, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var (output, errors) = (request.Console.Output, request.Console.Errors);
        var seedPath = configuration["Demo:SeedPath"] ?? "config/sandbox-seed.json";
        var databasePath = configuration["Demo:DatabasePath"] ?? "data/demo.db";
        if (!File.Exists(seedPath))
        {
            await errors.WriteLineAsync($"Demo seed '{seedPath}' not found. Run from the repository root, or set Demo:SeedPath.");
            return CommandLineApp.UsageError;
        }

        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Seed = SeedLoader.ReadFile(seedPath) }, cancellationToken);
        SyncDatabase.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(databasePath + suffix);
        }

        var demoSettings = new Dictionary<string, string?>((IDictionary<string, string?>?)request.Overrides ?? new Dictionary<string, string?>(), StringComparer.OrdinalIgnoreCase)
        {
            ["Slack:ApiBaseUrl"] = sandbox.SlackApiBaseUrl.ToString(),
            ["Slack:Token"] = sandbox.Tokens.SlackUserToken,
            ["Okta:OrgUrl"] = sandbox.OktaBaseUrl.ToString(),
            ["Okta:ApiToken"] = sandbox.Tokens.OktaApiToken,
            ["Okta:AccessToken"] = string.Empty,
            ["Okta:SlackAppId"] = sandbox.SlackAppId,
            ["Sync:DatabasePath"] = databasePath,
            ["Alerts:SlackWebhookUrl"] = new Uri(sandbox.SlackWebhooksBaseUrl, "T0SANDBOX01/B0DEMO0001/demo-alerts").ToString(),
            ["Alerts:SlackBotToken"] = string.Empty,
            ["Alerts:SlackChannel"] = string.Empty,
        };

        // The worker's own composition root: the same settings validation, database migration and services as 'run'.
        var (builder, problem) = CommandHost.CreateBuilder(request with { Overrides = demoSettings });
        if (builder is null)
        {
            await errors.WriteLineAsync(problem);
            return CommandLineApp.UsageError;
        }

        using var host = builder.Build();
        if (await CommandHost.StartAsync(host, cancellationToken) is { } refused)
        {
            return refused;
        }

        var services = host.Services;
        var runner = services.GetRequiredService<SyncRunner>();
        var alerter = services.GetRequiredService<RunAlerter>();
        var catalogue = services.GetRequiredService<RoleCatalogue>();
        var database = services.GetRequiredService<SyncDatabase>();

        await output.WriteLineAsync($"Demo: sandbox on {sandbox.BaseUrl} (Slack, Okta and OIG emulated on 127.0.0.1), database {databasePath}");
        var results = new List<SyncResult>();

        await output.WriteLineAsync("\n=== 1. First sync: adopt the entitlement, create values, grant every Slack role holder, revoke the stale grant");
        results.Add(await RunAndPrint(runner, catalogue, output, cancellationToken));

        await output.WriteLineAsync("\n=== 2. Change in Slack: heidi becomes Analytics Admin (Rl0L); alice stops being Audit Logs Admin (Rl0C)");
        lock (sandbox.State.Gate)
        {
            sandbox.State.AddAssignment("Rl0L", "U0HEIDI0009", sandbox.State.EnterpriseId);
            sandbox.State.RemoveAssignments("Rl0C", "U0ALICE0001", null);
        }

        await output.WriteLineAsync("\n=== 3. Differential sync: one grant added, one revoked, nothing else touched");
        results.Add(await RunAndPrint(runner, catalogue, output, cancellationToken));

        await output.WriteLineAsync("\n=== 4. Sync with nothing to do");
        results.Add(await RunAndPrint(runner, catalogue, output, cancellationToken));

        await output.WriteLineAsync("\n=== 5. Slack's answer lost most admins at once (a broken scope, a half-migrated org): the guard blocks the revocations and a Slack alert goes out");
        lock (sandbox.State.Gate)
        {
            foreach (var user in new[] { "U0BOB000002", "U0CAROL0003", "U0HEIDI0009", "U0IVAN00010" })
            {
                foreach (var role in sandbox.State.Assignments.All.Where(a => a.UserId == user).Select(a => a.RoleId).Distinct().ToList())
                {
                    sandbox.State.RemoveAssignments(role, user, null);
                }
            }
        }

        var blocked = await RunAndPrint(runner, catalogue, output, cancellationToken);
        results.Add(blocked);
        var delivery = await alerter.AlertAsync(blocked, cancellationToken);
        var posted = sandbox.SlackMessages.All();
        await output.WriteLineAsync(delivery?.Error ?? (posted.Count > 0
            ? $"Alert posted to the sandbox's incoming webhook: \"{posted[^1].Text}\"\nEvery message posted: GET {sandbox.BaseUrl}_sandbox/slack/messages"
            : "No alert was posted."));

        await output.WriteLineAsync("\n=== History (sync_execution_log)");
        HistoryCommand.Print(database, 10, OutputFormat.Table, output);
        await output.WriteLineAsync($"\nInspect it: sqlite3 {databasePath} \"select status, assignments_added, assignments_removed from sync_execution_log\"");
        RunStatus[] expected = [RunStatus.Success, RunStatus.Success, RunStatus.Success, RunStatus.Blocked];
        await host.StopAsync(CancellationToken.None);
        return results.Select(r => r.Status).SequenceEqual(expected) && posted.Count == 1 ? 0 : 1;
    }

    private static async Task<SyncResult> RunAndPrint(SyncRunner runner, RoleCatalogue catalogue, TextWriter output, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(dryRun: false, cancellationToken);
        ResultPrinter.PrintRun(result, catalogue, output);
        return result;
    }
}
