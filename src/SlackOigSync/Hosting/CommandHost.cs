using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Serilog;
using SlackOigSync.Configuration;
using SlackOigSync.Http;
using SlackOigSync.Progress;
using SlackOigSync.Storage;

namespace SlackOigSync.Hosting;

/// <summary>
/// The one composition root: every command runs in a .NET Generic Host built here, with the configuration sources,
/// Serilog, the settings as validated options, the database (migrated before use) and, for a command that calls the
/// APIs, the clients and the sync. <see cref="StartAsync"/> validates, migrates and starts it, or says why not.
/// </summary>
public static class CommandHost
{
    /// <summary>The host builder for <paramref name="request"/>, or the one sentence why the configuration could not be read.</summary>
    public static (HostApplicationBuilder? Builder, string? Problem) CreateBuilder(HostRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (ConfigurationSources.Add(builder.Configuration, request.ConfigFile, request.Sets, request.Overrides) is { } problem)
        {
            return (null, problem);
        }

        if (LoggingSetup.Problem(builder.Configuration) is { } loggingProblem)
        {
            return (null, loggingProblem);
        }

        var console = request.Console;
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);

        // SIGTERM asks a run to stop between writes; the host waits for it rather than abandoning it mid-call.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = Timeout.InfiniteTimeSpan);
        builder.Services.AddSerilog(
            (_, logger) => LoggingSetup.Configure(logger, builder.Configuration, request.JsonLogs, console.Verbose, ClefLineWriter.Unwrap(console.Errors)),
            preserveStaticLogger: true);
        builder.Services.AddSingleton(console);
        builder.Services.AddSingleton<CommandExit>();
        builder.Services.AddSyncSettings(builder.Configuration, request.Needs);
        builder.Services.AddSyncStorage();
        builder.Services.AddSingleton<DatabaseStartup>();
        if (request.Needs.Apis)
        {
            builder.Services.AddSlackOigSync(ProgressDisplay.For(request.JsonLogs));
        }

        return (builder, null);
    }

    /// <summary>
    /// Prints the configuration's notices, validates the settings (each problem one line, exit 2, nothing called),
    /// migrates the database and starts the host. Returns the exit code when it must not go on, null when started.
    /// </summary>
    public static async Task<int?> StartAsync(IHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var errors = host.Services.GetRequiredService<CommandConsole>().Errors;
        foreach (var notice in host.Services.GetRequiredService<SettingsBinding>().Notices)
        {
            await errors.WriteLineAsync(notice);
        }

        try
        {
            // The host would validate too, but log a stack trace; this says each problem in one line first.
            host.Services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException e)
        {
            var problems = e.Failures.ToList();
            await errors.WriteLineAsync($"Configuration is not valid ({problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}); nothing was called:");
            foreach (var problem in problems)
            {
                await errors.WriteLineAsync($"  - {SecretScrubber.Scrub(problem)}");
            }

            return UsageError;
        }

        host.Services.GetRequiredService<DatabaseStartup>().Prepare();
        await host.StartAsync(cancellationToken);
        return null;
    }

    public const int UsageError = 2;
}
