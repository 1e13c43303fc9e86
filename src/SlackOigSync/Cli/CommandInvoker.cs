using System.CommandLine;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SlackOigSync.Configuration;
using SlackOigSync.Hosting;
using SlackOigSync.Storage;

namespace SlackOigSync.Cli;

/// <summary>
/// Runs one command in its own Generic Host (<see cref="CommandHost"/>): as a hosted service until it stops the host
/// (run, daemon), or as an action against the started host's services (every other command). A failure is one
/// sentence on stderr and an exit code, never a stack trace (unless --verbose).
/// </summary>
public sealed class CommandInvoker(TextWriter output, TextWriter errors, IReadOnlyDictionary<string, string?>? overrides)
{
    public GlobalOptions Options { get; } = new();

    /// <summary>Runs the hosted services <paramref name="addHosted"/> registers until they stop the host (or SIGTERM does); the exit code is <see cref="CommandExit"/>'s.</summary>
    /// <param name="settings">Settings the command line sets over every source (e.g. --allow-mass-revocation).</param>
    public Task<int> HostedAsync(ParseResult parse, CommandNeeds needs, Action<IServiceCollection> addHosted, IReadOnlyDictionary<string, string?>? settings, CancellationToken cancellationToken) =>
        InHostAsync(parse, needs, addHosted, settings, async (host, _) =>
        {
            await host.WaitForShutdownAsync(cancellationToken);
            return host.Services.GetRequiredService<CommandExit>().Code;
        }, cancellationToken);

    /// <summary>Starts the host (settings validated, database migrated), runs <paramref name="action"/> with its services, and stops it.</summary>
    public Task<int> ActionAsync(ParseResult parse, CommandNeeds needs, Func<IServiceProvider, CancellationToken, Task<int>> action, CancellationToken cancellationToken) =>
        InHostAsync(parse, needs, null, null, async (host, stopping) =>
        {
            try
            {
                return await action(host.Services, stopping);
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        }, cancellationToken);

    private async Task<int> InHostAsync(
        ParseResult parse,
        CommandNeeds needs,
        Action<IServiceCollection>? addHosted,
        IReadOnlyDictionary<string, string?>? settings,
        Func<IHost, CancellationToken, Task<int>> body,
        CancellationToken cancellationToken)
    {
        var verbose = parse.GetValue(Options.Verbose);
        var console = new CommandConsole(output, errors, verbose);
        var request = new HostRequest(needs, parse.GetValue(Options.Config), parse.GetValue(Options.Set) ?? [], Merge(overrides, settings), parse.GetValue(Options.JsonLogs), console);
        var (builder, problem) = CommandHost.CreateBuilder(request);
        if (builder is null)
        {
            await errors.WriteLineAsync(problem);
            return UsageError;
        }

        addHosted?.Invoke(builder.Services);
        using var host = builder.Build();
        try
        {
            if (await CommandHost.StartAsync(host, cancellationToken) is { } refused)
            {
                return refused;
            }

            // A command stops when asked by the caller or by SIGTERM / Ctrl+C (the host's console lifetime).
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
            return await body(host, stopping.Token);
        }
        catch (StartupRefusedException e)
        {
            return await CommandFailure.ReportAsync(e, UsageError, console);
        }
        catch (Exception e) when (e is SqliteException or StorageException)
        {
            var failure = StorageException.Of(e, host.Services.GetRequiredService<AppSettings>().Sync.DatabasePath);
            return await CommandFailure.ReportAsync(failure, failure.ExitCode, console);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return await CommandFailure.ReportAsync(e, 1, console);
        }
    }

    private const int UsageError = CommandHost.UsageError;

    private static Dictionary<string, string?> Merge(IReadOnlyDictionary<string, string?>? first, IReadOnlyDictionary<string, string?>? second)
    {
        var merged = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in (first ?? new Dictionary<string, string?>()).Concat(second ?? new Dictionary<string, string?>()))
        {
            merged[key] = value;
        }

        return merged;
    }
}
