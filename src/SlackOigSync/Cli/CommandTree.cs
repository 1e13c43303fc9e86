using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SlackOigSync.Configuration;
using SlackOigSync.Hosting;
using SlackOigSync.Reports;
using SlackOigSync.Storage;

namespace SlackOigSync.Cli;

/// <summary>The command line: each command, its options, and its action (what it needs from the host, and what it does).</summary>
public static class CommandTree
{
    public static RootCommand Build(CommandInvoker invoker)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        var root = new RootCommand("slack-oig-sync: keeps Okta Identity Governance entitlements in step with Slack Enterprise Grid system roles.");
        foreach (var option in invoker.Options.All)
        {
            root.Options.Add(option);
        }

        // 'run' is also the default: the root takes its options and runs it.
        var dryRun = new Option<bool>("--dry-run") { Description = "Read everything and print the plan; write nothing to OIG." };
        var allowMassRevocation = new Option<bool>("--allow-mass-revocation") { Description = "Apply revocations even past the mass-revocation guard, for this run only (review with --dry-run first)." };
        root.Options.Add(dryRun);
        root.Options.Add(allowMassRevocation);
        var run = new Command("run", "Run one sync, then exit (for cron and Kubernetes CronJobs). The default command.") { dryRun, allowMassRevocation };
        Func<ParseResult, CancellationToken, Task<int>> runAction = (parse, token) => invoker.HostedAsync(
            parse,
            CommandNeeds.ApisAndDatabase,
            services => services.AddSingleton(new RunRequest(parse.GetValue(dryRun))).AddHostedService<OneShotSync>(),
            parse.GetValue(allowMassRevocation) ? new Dictionary<string, string?> { ["Sync:AllowMassRevocation"] = "true" } : null,
            token);
        root.SetAction(runAction);
        run.SetAction(runAction);

        var daemon = new Command("daemon", "Stay up and sync on Schedule:Cron (or daily at Schedule:DailyAt) in Schedule:TimeZone.");
        daemon.SetAction((parse, token) => invoker.HostedAsync(parse, CommandNeeds.ApisAndDatabase with { Schedule = true }, services => services.AddSyncDaemon(), null, token));

        root.Subcommands.Add(run);
        root.Subcommands.Add(History(invoker));
        root.Subcommands.Add(Show(invoker));
        root.Subcommands.Add(daemon);
        root.Subcommands.Add(ReleaseLease(invoker));
        root.Subcommands.Add(Campaign(invoker));
        root.Subcommands.Add(OigRevocation(invoker));
        root.Subcommands.Add(Export(invoker));
        root.Subcommands.Add(Report(invoker));
        return root;
    }

    private static Command History(CommandInvoker invoker)
    {
        var limit = new Option<int>("--limit") { Description = "How many executions to list (1 or more).", DefaultValueFactory = _ => 20 };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError($"--limit must be 1 or more, got {result.GetValueOrDefault<int>()}.");
            }
        });
        var format = FormatOption();
        var history = new Command("history", "List recent executions.") { limit, format };
        history.SetAction((parse, token) => invoker.ActionAsync(parse, CommandNeeds.DatabaseOnly, (services, _) =>
        {
            HistoryCommand.Print(services.GetRequiredService<SyncDatabase>(), parse.GetValue(limit), parse.GetValue(format), services.GetRequiredService<CommandConsole>().Output);
            return Task.FromResult(0);
        }, token));
        return history;
    }

    private static Command Show(CommandInvoker invoker)
    {
        var execution = new Argument<string>("execution-id") { Description = "An execution id, or the short ID 'history' prints." };
        var format = FormatOption();
        var action = new Option<string>("--action") { Description = "Only changes of this action: CREATE_VALUE, RENAME_VALUE, ADD_GRANT, REVOKE_GRANT, REMOVE_SLACK_ROLE." };
        var outcome = new Option<string>("--outcome") { Description = "Only changes with this outcome: APPLIED, FAILED, PLANNED, BLOCKED, PENDING, UNKNOWN." };
        var user = new Option<string>("--user") { Description = "Only changes for this person: a Slack user id, an email or an Okta user id." };
        var show = new Command("show", "Show one execution's changes.") { execution, format, action, outcome, user };
        show.SetAction((parse, token) => invoker.ActionAsync(parse, CommandNeeds.DatabaseOnly, async (services, _) =>
        {
            var console = services.GetRequiredService<CommandConsole>();
            var (filter, problem) = ChangeFilter.Parse(parse.GetValue(action), parse.GetValue(outcome), parse.GetValue(user));
            if (filter is null)
            {
                await console.Errors.WriteLineAsync(problem);
                return CommandLineApp.UsageError;
            }

            return ShowCommand.Print(services.GetRequiredService<SyncDatabase>(), parse.GetValue(execution)!, filter, parse.GetValue(format), Catalogue(services), console.Output, console.Errors);
        }, token));
        return show;
    }

    private static Command ReleaseLease(CommandInvoker invoker)
    {
        var release = new Command("release-lease", "Delete the database's run lease by hand (its holder died on another host, say) and say whose it was.");
        release.SetAction((parse, token) => invoker.ActionAsync(parse, CommandNeeds.DatabaseOnly, (services, _) =>
        {
            var console = services.GetRequiredService<CommandConsole>();
            return ReleaseLeaseCommand.RunAsync(services.GetRequiredService<SyncDatabase>(), console.Output, console.Errors);
        }, token));
        return release;
    }

    private static Command Campaign(CommandInvoker invoker)
    {
        var name = new Option<string>("--name") { Description = "The campaign's name; a campaign of that name is never created twice.", Required = true };
        var launch = new Option<bool>("--launch") { Description = "Launch the campaign once created (or launch the scheduled one of that name)." };
        var create = new Command("create", "Create an OIG access certification campaign over the Slack roles (settings in the Campaign section).") { name, launch };
        create.SetAction((parse, token) => invoker.ActionAsync(parse, CommandNeeds.ApisAndDatabase with { CampaignName = parse.GetValue(name) }, (services, stopping) =>
        {
            var console = services.GetRequiredService<CommandConsole>();
            return ActivatorUtilities.CreateInstance<CampaignCommand>(services).CreateAsync(parse.GetValue(name)!, parse.GetValue(launch), console.Output, console.Errors, stopping);
        }, token));
        var list = new Command("list", "List the OIG campaigns that review the Slack app, with their state.");
        list.SetAction((parse, token) => invoker.ActionAsync(parse, CommandNeeds.ApisAndDatabase, (services, stopping) =>
        {
            var console = services.GetRequiredService<CommandConsole>();
            return ActivatorUtilities.CreateInstance<CampaignCommand>(services).ListAsync(console.Output, console.Errors, stopping);
        }, token));
        return new Command("campaign", "Access certification campaigns over the synced Slack roles.") { create, list };
    }

    private static Command OigRevocation(CommandInvoker invoker)
    {
        var all = new Option<bool>("--all") { Description = "Also list the closed ones, with how each ended." };
        var list = new Command("list", "List grants revoked in OIG that Slack still lists (not granted again).") { all };
        list.SetAction((parse, token) => invoker.ActionAsync(parse, CommandNeeds.DatabaseOnly, (services, _) =>
            Task.FromResult(OigRevocationCommand.List(services.GetRequiredService<SyncDatabase>(), Catalogue(services), parse.GetValue(all), services.GetRequiredService<CommandConsole>().Output)), token));

        var user = new Option<string>("--user") { Description = "The Okta user id (00u…).", Required = true };
        var role = new Option<string?>("--role") { Description = "Only this Slack role id (e.g. Rl0C); all of the user's otherwise." };
        var clear = new Command("clear", "Clear a recorded OIG revocation: the next run treats Slack as the truth again and grants the role if Slack lists it.") { user, role };
        clear.SetAction((parse, token) => invoker.ActionAsync(parse, CommandNeeds.DatabaseOnly, (services, _) =>
        {
            var console = services.GetRequiredService<CommandConsole>();
            return Task.FromResult(OigRevocationCommand.Clear(services.GetRequiredService<SyncDatabase>(), parse.GetValue(user)!, parse.GetValue(role), DateTimeOffset.UtcNow, console.Output, console.Errors));
        }, token));
        return new Command("oig-revocation", "Grants revoked in OIG (by a reviewer or an admin) while Slack still lists the role.") { list, clear };
    }

    private static Command Export(CommandInvoker invoker)
    {
        var format = new Option<ExportFormat>("--format") { Description = "csv or json.", Required = true };
        var file = new Option<string?>("--output") { Description = "Write to this file instead of stdout." };
        var export = new Command("export", "Write who holds which Slack system role according to the last successful run, as CSV or JSON.") { format, file };
        export.SetAction((parse, token) => invoker.ActionAsync(parse, CommandNeeds.DatabaseOnly, (services, _) =>
        {
            var console = services.GetRequiredService<CommandConsole>();
            return Task.FromResult(AuditorCommands.Export(services.GetRequiredService<SyncDatabase>(), Catalogue(services), parse.GetValue(format), parse.GetValue(file), console.Output, console.Errors));
        }, token));
        return export;
    }

    private static Command Report(CommandInvoker invoker)
    {
        var html = new Option<string>("--html") { Description = "The HTML file to write.", Required = true };
        var report = new Command("report", "Write the auditors' HTML page: holders by role, unresolved holders and conflicts, charts of the last 90 runs.") { html };
        report.SetAction((parse, token) => invoker.ActionAsync(parse, CommandNeeds.DatabaseOnly, (services, _) =>
        {
            var console = services.GetRequiredService<CommandConsole>();
            return Task.FromResult(AuditorCommands.Report(services.GetRequiredService<SyncDatabase>(), Catalogue(services), parse.GetValue(html)!, DateTimeOffset.UtcNow, console.Output, console.Errors));
        }, token));
        return report;
    }

    private static Option<OutputFormat> FormatOption() => new("--format") { Description = "table (default), json (an array of objects) or csv (RFC 4180, with a header row)." };

    /// <summary>The role names, for commands that only read the database: a catalogue that cannot be read leaves the ids unnamed.</summary>
    private static RoleCatalogue? Catalogue(IServiceProvider services) => RoleCatalogue.Load(services.GetRequiredService<AppSettings>().Sync.RoleCataloguePath).Catalogue;
}
