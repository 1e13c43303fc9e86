using System.CommandLine;
using SlackOigSync.Configuration;
using SlackOigSync.Hosting;
using SlackOigSync.Storage;

namespace SlackOigSync.Cli;

/// <summary>
/// The commands: run (default), history, show, daemon, release-lease, export, report, campaign, oig-revocation. Each
/// has its own action, which runs it in the Generic Host built by <see cref="CommandHost"/>. Exit codes: 0 SUCCESS,
/// 1 FAILED, 2 configuration or usage error, 3 PARTIAL, 4 BLOCKED.
/// </summary>
public static class CommandLineApp
{
    public const int UsageError = CommandHost.UsageError;

    /// <summary>Parses <paramref name="args"/> and runs the command; any failure ends it with one sentence on stderr and its exit code.</summary>
    /// <param name="overrides">Configuration applied over every other source (the demo and tests use it).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, IReadOnlyDictionary<string, string?>? overrides = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Contains("--json-logs"))
        {
            errors = new ClefLineWriter(errors, TimeProvider.System); // stderr stays one JSON object a line, configuration errors included
        }

        var host = new CommandInvoker(output, errors, overrides);
        var root = CommandTree.Build(host);
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

        // The host handles SIGTERM and Ctrl+C (a run stops between writes); System.CommandLine must not kill the process first.
        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = errors, ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false }, cancellationToken);
    }
}
