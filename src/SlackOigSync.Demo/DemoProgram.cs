using Serilog.Events;
using SlackOigSync.Cli;
using SlackOigSync.Hosting;

namespace SlackOigSync.Demo;

/// <summary>Reads the demo's few arguments (--config, --set) and configuration like the worker does, then runs the demo.</summary>
public static class DemoProgram
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, IReadOnlyDictionary<string, string?>? overrides, CancellationToken cancellationToken)
    {
        var configPath = "config/appsettings.json";
        var sets = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--config" when i + 1 < args.Length:
                    configPath = args[++i];
                    break;
                case "--set" when i + 1 < args.Length:
                    sets.Add(args[++i]);
                    break;
                default:
                    await errors.WriteLineAsync($"Unknown argument '{args[i]}'. The demo takes --config FILE and --set Section:Key=value.");
                    return CommandLineApp.UsageError;
            }
        }

        var configuration = CommandLineApp.BuildConfiguration(configPath, sets, overrides, out var problem);
        if (problem is not null)
        {
            await errors.WriteLineAsync(problem);
            return CommandLineApp.UsageError;
        }

        var logger = LoggingSetup.Create(json: false, LogEventLevel.Information, errors);
        try
        {
            return await DemoRunner.RunAsync(configuration, logger, output, errors, cancellationToken);
        }
        finally
        {
            (logger as IDisposable)?.Dispose();
        }
    }
}
