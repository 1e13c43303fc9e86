using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SlackOigSync.Cli;
using SlackOigSync.Configuration;
using SlackOigSync.Sandbox;
using SlackOigSync.Sandbox.Seed;
using SlackOigSync.Storage;
using SlackOigSync.Sync;

namespace SlackOigSync.Hosting;

/// <summary>
/// --demo: the real sync against the bundled sandbox, in four acts: a first sync, a change in Slack, the
/// differential sync, and a sync with nothing to do. Writes data/demo.db (fresh each time).
/// </summary>
public static class DemoRunner
{
    public static async Task<int> RunAsync(IConfiguration configuration, Serilog.ILogger logger, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
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

        var demoConfiguration = new ConfigurationBuilder()
            .AddConfiguration(configuration)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Slack:ApiBaseUrl"] = sandbox.SlackApiBaseUrl.ToString(),
                ["Slack:Token"] = sandbox.Tokens.SlackUserToken,
                ["Okta:OrgUrl"] = sandbox.OktaBaseUrl.ToString(),
                ["Okta:ApiToken"] = sandbox.Tokens.OktaApiToken,
                ["Okta:AccessToken"] = string.Empty,
                ["Okta:SlackAppId"] = sandbox.SlackAppId,
                ["Sync:DatabasePath"] = databasePath,
            })
            .Build();
        var settings = AppSettings.Bind(demoConfiguration);
        var problems = SettingsValidator.Validate(settings);
        if (problems.Count > 0)
        {
            await errors.WriteLineAsync("Demo configuration is not valid: " + string.Join(" ", problems));
            return CommandLineApp.UsageError;
        }

        var catalogue = RoleCatalogue.Load(settings.Sync.RoleCataloguePath).Catalogue!;
        var database = new SyncDatabase(databasePath);
        database.Migrate();
        await using var services = new ServiceCollection().AddSlackOigSync(settings, catalogue, logger).BuildServiceProvider();
        var runner = services.GetRequiredService<SyncRunner>();

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

        await output.WriteLineAsync("\n=== History (sync_execution_log)");
        HistoryCommand.Print(database, 10, OutputFormat.Table, output);
        await output.WriteLineAsync($"\nInspect it: sqlite3 {databasePath} \"select status, assignments_added, assignments_removed from sync_execution_log\"");
        return results.Max(r => r.ExitCode);
    }

    private static async Task<SyncResult> RunAndPrint(SyncRunner runner, RoleCatalogue catalogue, TextWriter output, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(dryRun: false, cancellationToken);
        ResultPrinter.PrintRun(result, catalogue, output);
        return result;
    }
}
