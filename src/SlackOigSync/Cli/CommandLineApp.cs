using System.CommandLine;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog.Events;
using SlackOigSync.Alerts;
using SlackOigSync.Configuration;
using SlackOigSync.Hosting;
using SlackOigSync.Http;
using SlackOigSync.Progress;
using SlackOigSync.Storage;
using SlackOigSync.Sync;

namespace SlackOigSync.Cli;

/// <summary>
/// The commands: run (default), history, show, daemon, release-lease, export, report, campaign, oig-revocation. Exit codes: 0 SUCCESS, 1 FAILED,
/// 2 configuration or usage error, 3 PARTIAL.
/// </summary>
public static class CommandLineApp
{
    public const int UsageError = 2;

    /// <summary>
    /// Runs a command; a storage failure or an unexpected exception ends it with one sentence on stderr (the stack trace
    /// only with --verbose) and exit 1, or 2 where a path or the database file must be fixed first.
    /// </summary>
    /// <param name="overrides">Configuration applied over every other source (the demo and tests use it).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, IReadOnlyDictionary<string, string?>? overrides = null, CancellationToken cancellationToken = default)
    {
        var verbose = args.Contains("--verbose");
        if (args.Contains("--json-logs"))
        {
            errors = new ClefLineWriter(errors, TimeProvider.System); // stderr stays one JSON object a line, configuration errors included
        }

        try
        {
            return await RunCommandAsync(args, output, errors, overrides, cancellationToken);
        }
        catch (StorageException e)
        {
            await errors.WriteLineAsync(e.Message);
            if (verbose)
            {
                await errors.WriteLineAsync(e.ToString());
            }

            return e.ExitCode;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await errors.WriteLineAsync($"unexpected {e.GetType().Name}: {e.Message.TrimEnd('.')}. Run again with --verbose for details.");
            if (verbose)
            {
                await errors.WriteLineAsync(e.ToString());
            }

            return 1;
        }
    }

    private static async Task<int> RunCommandAsync(string[] args, TextWriter output, TextWriter errors, IReadOnlyDictionary<string, string?>? overrides, CancellationToken cancellationToken)
    {
        var configOption = new Option<string>("--config") { Description = "Configuration file (JSON).", DefaultValueFactory = _ => "config/appsettings.json", Recursive = true };
        var setOption = new Option<string[]>("--set") { Description = "Override one setting, e.g. --set Sync:DatabasePath=/data/sync.db (repeatable).", Recursive = true, Arity = ArgumentArity.ZeroOrMore };
        var jsonLogsOption = new Option<bool>("--json-logs") { Description = "Write logs as compact JSON (CLEF), one object a line.", Recursive = true };
        var verboseOption = new Option<bool>("--verbose") { Description = "Log HTTP retries and details at debug level.", Recursive = true };
        var dryRunOption = new Option<bool>("--dry-run") { Description = "Read everything and print the plan; write nothing to OIG." };
        var allowMassRevocationOption = new Option<bool>("--allow-mass-revocation") { Description = "Apply revocations even past the mass-revocation guard, for this run only (review with --dry-run first)." };
        var limitOption = new Option<int>("--limit") { Description = "How many executions to list.", DefaultValueFactory = _ => 20 };
        var executionArgument = new Argument<string>("execution-id") { Description = "An execution id, or the short ID 'history' prints." };
        var formatOption = new Option<OutputFormat>("--format") { Description = "table (default), json (an array of objects) or csv (RFC 4180, with a header row)." };
        var actionOption = new Option<string>("--action") { Description = "Only changes of this action: CREATE_VALUE, RENAME_VALUE, ADD_GRANT, REVOKE_GRANT, REMOVE_SLACK_ROLE." };
        var outcomeOption = new Option<string>("--outcome") { Description = "Only changes with this outcome: APPLIED, FAILED, PLANNED, BLOCKED, PENDING, UNKNOWN." };
        var userOption = new Option<string>("--user") { Description = "Only changes for this person: a Slack user id, an email or an Okta user id." };
        var nameOption = new Option<string>("--name") { Description = "The campaign's name; a campaign of that name is never created twice.", Required = true };
        var launchOption = new Option<bool>("--launch") { Description = "Launch the campaign once created (or launch the scheduled one of that name)." };
        var allOption = new Option<bool>("--all") { Description = "Also list the closed ones, with how each ended." };
        var revocationUserOption = new Option<string>("--user") { Description = "The Okta user id (00u…).", Required = true };
        var roleOption = new Option<string?>("--role") { Description = "Only this Slack role id (e.g. Rl0C); all of the user's otherwise." };
        var exportFormatOption = new Option<Reports.ExportFormat>("--format") { Description = "csv or json.", Required = true };
        var exportOutputOption = new Option<string?>("--output") { Description = "Write to this file instead of stdout." };
        var htmlOption = new Option<string>("--html") { Description = "The HTML file to write.", Required = true };

        var root = new RootCommand("slack-oig-sync: keeps Okta Identity Governance entitlements in step with Slack Enterprise Grid system roles.");
        root.Options.Add(configOption);
        root.Options.Add(setOption);
        root.Options.Add(jsonLogsOption);
        root.Options.Add(verboseOption);
        root.Options.Add(dryRunOption);
        root.Options.Add(allowMassRevocationOption);
        var run = new Command("run", "Run one sync, then exit (for cron and Kubernetes CronJobs). The default command.") { dryRunOption, allowMassRevocationOption };
        var history = new Command("history", "List recent executions.") { limitOption, formatOption };
        var show = new Command("show", "Show one execution's changes.") { executionArgument, formatOption, actionOption, outcomeOption, userOption };
        var daemon = new Command("daemon", "Stay up and sync on Schedule:Cron (or daily at Schedule:DailyAt) in Schedule:TimeZone.");
        var releaseLease = new Command("release-lease", "Delete the database's run lease by hand (its holder died on another host, say) and say whose it was.");
        var campaignCreate = new Command("create", "Create an OIG access certification campaign over the Slack roles (settings in the Campaign section).") { nameOption, launchOption };
        var campaignList = new Command("list", "List the OIG campaigns that review the Slack app, with their state.");
        var campaign = new Command("campaign", "Access certification campaigns over the synced Slack roles.") { campaignCreate, campaignList };
        var revocationList = new Command("list", "List grants revoked in OIG that Slack still lists (not granted again).") { allOption };
        var revocationClear = new Command("clear", "Clear a recorded OIG revocation: the next run treats Slack as the truth again and grants the role if Slack lists it.") { revocationUserOption, roleOption };
        var oigRevocation = new Command("oig-revocation", "Grants revoked in OIG (by a reviewer or an admin) while Slack still lists the role.") { revocationList, revocationClear };
        root.Subcommands.Add(run);
        root.Subcommands.Add(history);
        root.Subcommands.Add(show);
        root.Subcommands.Add(daemon);
        root.Subcommands.Add(releaseLease);
        root.Subcommands.Add(campaign);
        root.Subcommands.Add(oigRevocation);
        var export = new Command("export", "Write who holds which Slack system role according to the last successful run, as CSV or JSON.") { exportFormatOption, exportOutputOption };
        var report = new Command("report", "Write the auditors' HTML page: holders by role, unresolved holders and conflicts, charts of the last 90 runs.") { htmlOption };
        root.Subcommands.Add(export);
        root.Subcommands.Add(report);

        // Dispatch happens below, after configuration is validated; the parser only needs to know each command is runnable.
        foreach (var runnable in new Command[] { root, run, history, show, daemon, releaseLease, campaignCreate, campaignList, revocationList, revocationClear, export, report })
        {
            runnable.SetAction(_ => 0);
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await errors.WriteLineAsync(error.Message);
            }

            await errors.WriteLineAsync("Run with --help for usage.");
            return UsageError;
        }

        var command = parse.CommandResult.Command;
        if (args.Any(a => a is "--help" or "-h" or "-?" or "--version"))
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = errors }, cancellationToken);
        }

        var configuration = BuildConfiguration(parse.GetValue(configOption)!, parse.GetValue(setOption) ?? [], overrides, out var configProblem);
        if (configProblem is not null)
        {
            await errors.WriteLineAsync(configProblem);
            return UsageError;
        }

        var bound = SettingsBinder.Bind(configuration);

        // A secret pasted into the wrong setting (a URL's query, say) must not come back in a message.
        SecretScrubber.Remember(bound.Settings.Slack.Token, bound.Settings.Okta.ApiToken, bound.Settings.Okta.AccessToken);
        SecretScrubber.Remember([.. bound.Settings.Alerts.Secrets()]);
        foreach (var notice in bound.Notices)
        {
            await errors.WriteLineAsync(notice);
        }

        if (bound.Problems.Count > 0)
        {
            await errors.WriteLineAsync($"Configuration is not valid ({bound.Problems.Count} problem{(bound.Problems.Count == 1 ? string.Empty : "s")}); nothing was called:");
            foreach (var problem in bound.Problems)
            {
                await errors.WriteLineAsync($"  - {SecretScrubber.Scrub(problem)}");
            }

            return UsageError;
        }

        var settings = bound.Settings;
        settings.Sync.AllowMassRevocation |= parse.GetValue(allowMassRevocationOption);
        var logger = LoggingSetup.Create(parse.GetValue(jsonLogsOption), parse.GetValue(verboseOption) ? LogEventLevel.Debug : LogEventLevel.Information, ClefLineWriter.Unwrap(errors));
        try
        {
            if (command == history || command == show || command == releaseLease || command == revocationList || command == revocationClear || command == export || command == report)
            {
                var database = new SyncDatabase(settings.Sync.DatabasePath);
                if (!File.Exists(database.Path))
                {
                    await errors.WriteLineAsync($"No database at Sync:DatabasePath '{database.Path}': nothing has run yet, or the path is wrong.");
                    return UsageError;
                }

                database.Migrate();
                if (command == releaseLease)
                {
                    return await ReleaseLeaseAsync(database, output, errors);
                }

                if (command == revocationList)
                {
                    return OigRevocationCommand.List(database, RoleCatalogue.Load(settings.Sync.RoleCataloguePath).Catalogue, parse.GetValue(allOption), output);
                }

                if (command == revocationClear)
                {
                    return OigRevocationCommand.Clear(database, parse.GetValue(revocationUserOption)!, parse.GetValue(roleOption), DateTimeOffset.UtcNow, output, errors);
                }

                if (command == export || command == report)
                {
                    var roles = RoleCatalogue.Load(settings.Sync.RoleCataloguePath).Catalogue;
                    return command == export
                        ? AuditorCommands.Export(database, roles, parse.GetValue(exportFormatOption), parse.GetValue(exportOutputOption), output, errors)
                        : AuditorCommands.Report(database, roles, parse.GetValue(htmlOption)!, DateTimeOffset.UtcNow, output, errors);
                }

                if (command == history)
                {
                    HistoryCommand.Print(database, parse.GetValue(limitOption), parse.GetValue(formatOption), output);
                    return 0;
                }

                var (filter, filterProblem) = ChangeFilter.Parse(parse.GetValue(actionOption), parse.GetValue(outcomeOption), parse.GetValue(userOption));
                if (filter is null)
                {
                    await errors.WriteLineAsync(filterProblem);
                    return UsageError;
                }

                return ShowCommand.Print(database, parse.GetValue(executionArgument)!, filter, parse.GetValue(formatOption), RoleCatalogue.Load(settings.Sync.RoleCataloguePath).Catalogue, output, errors);
            }


            var problems = SettingsValidator.Validate(settings);
            var (outputSettings, outputProblem) = OutputSettings.Bind(configuration);
            if (outputProblem is not null)
            {
                problems.Add(outputProblem);
            }

            if (command == daemon)
            {
                problems.AddRange(SettingsValidator.ValidateSchedule(settings.Schedule));
            }

            if (command == campaignCreate)
            {
                problems.AddRange(Governance.CampaignBody.Problems(settings.Campaign, parse.GetValue(nameOption)!));
            }

            if (problems.Count > 0)
            {
                await errors.WriteLineAsync($"Configuration is not valid ({problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}); nothing was called:");
                foreach (var problem in problems)
                {
                    await errors.WriteLineAsync($"  - {SecretScrubber.Scrub(problem)}");
                }

                return UsageError;
            }

            var catalogue = RoleCatalogue.Load(settings.Sync.RoleCataloguePath).Catalogue!;
            new SyncDatabase(settings.Sync.DatabasePath).Migrate();
            if (command == daemon)
            {
                var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
                builder.Services.AddSlackOigSync(settings, catalogue, logger, ProgressDisplay.For(parse.GetValue(jsonLogsOption)));
                builder.Services.AddSyncDaemon(settings.Schedule);
                using var host = builder.Build();
                await host.RunAsync(cancellationToken);
                return 0;
            }

            await using var services = new ServiceCollection().AddSlackOigSync(settings, catalogue, logger, ProgressDisplay.For(parse.GetValue(jsonLogsOption))).BuildServiceProvider();
            if (command == campaignCreate || command == campaignList)
            {
                var campaigns = ActivatorUtilities.CreateInstance<CampaignCommand>(services);
                return command == campaignCreate
                    ? await campaigns.CreateAsync(parse.GetValue(nameOption)!, parse.GetValue(launchOption), output, errors, cancellationToken)
                    : await campaigns.ListAsync(output, errors, cancellationToken);
            }

            var result = await services.GetRequiredService<SyncRunner>().RunAsync(parse.GetValue(dryRunOption), cancellationToken);
            ResultPrinter.PrintRun(result, catalogue, output, outputSettings.MaxRows);

            // After the run has closed: an alert, sent or not, never changes its status or exit code.
            if (await services.GetRequiredService<RunAlerter>().AlertAsync(result, cancellationToken) is { } alert)
            {
                await output.WriteLineAsync(alert.Error ?? "Alert posted to Slack.");
            }

            return result.ExitCode;
        }
        catch (SqliteException e)
        {
            throw StorageException.From(e, settings.Sync.DatabasePath);
        }
        finally
        {
            (logger as IDisposable)?.Dispose();
        }
    }

    /// <summary>`release-lease`: deletes the lease unless its holder is a live process on this host, and says whose it was.</summary>
    private static async Task<int> ReleaseLeaseAsync(SyncDatabase database, TextWriter output, TextWriter errors)
    {
        var lease = new RunLease(database);
        if (lease.Current() is { } holder && holder.Host == Environment.MachineName && holder.ProcessId is not null && !holder.IsDeadOnThisHost())
        {
            await errors.WriteLineAsync($"The lease of {database.Path} is held by {holder.Describe()} until {holder.Until}, and that process is still running on this host; stop it (its run releases the lease when it ends) rather than releasing the lease under it.");
            return 1;
        }

        var released = lease.ReleaseAny();
        await output.WriteLineAsync(released is null
            ? $"No run holds the lease of {database.Path}; nothing to release."
            : $"Released the lease of {database.Path} held by {released.Describe()} until {released.Until}; the next run may apply.");
        return 0;
    }

    /// <summary>appsettings file, then SLACK_OIG_SYNC_* environment variables (Section__Key), then --set, then overrides.</summary>
    public static IConfiguration BuildConfiguration(string configPath, IEnumerable<string> sets, IReadOnlyDictionary<string, string?>? overrides, out string? problem)
    {
        problem = null;
        var pairs = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var set in sets)
        {
            var equals = set.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                problem = $"--set expects Section:Key=value, got '{set}'.";
                return new ConfigurationBuilder().Build();
            }

            pairs[set[..equals]] = set[(equals + 1)..];
        }

        if (!File.Exists(configPath))
        {
            problem = $"Configuration file '{configPath}' does not exist. Pass --config with the path to appsettings.json, or run from the repository root.";
            return new ConfigurationBuilder().Build();
        }

        problem = ConfigurationFile.Check(configPath);
        if (problem is not null)
        {
            return new ConfigurationBuilder().Build();
        }

        try
        {
            return new ConfigurationBuilder()
                .AddJsonFile(Path.GetFullPath(configPath), optional: false, reloadOnChange: false)
                .AddEnvironmentVariables("SLACK_OIG_SYNC_")
                .AddInMemoryCollection(pairs)
                .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
                .Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException or UnauthorizedAccessException)
        {
            problem = ConfigurationFile.Describe(configPath, e);
            return new ConfigurationBuilder().Build();
        }
    }
}
