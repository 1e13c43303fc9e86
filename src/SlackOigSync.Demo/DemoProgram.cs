using Microsoft.Extensions.Configuration;
using SlackOigSync.Configuration;
using SlackOigSync.Cli;
using SlackOigSync.Hosting;

namespace SlackOigSync.Demo;

/// <summary>Reads the demo's few arguments (--config, --set) and configuration like the worker does, then runs the demo.</summary>
public static class DemoProgram
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, IReadOnlyDictionary<string, string?>? overrides, CancellationToken cancellationToken)
    {
        string? configPath = null;
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

        var request = new HostRequest(CommandNeeds.ApisAndDatabase, configPath, sets, overrides, JsonLogs: false, new CommandConsole(output, errors, Verbose: false));
        var configuration = new ConfigurationBuilder();
        if (ConfigurationSources.Add(configuration, request.ConfigFile, request.Sets, request.Overrides) is { } problem)
        {
            await errors.WriteLineAsync(problem);
            return CommandLineApp.UsageError;
        }

        return await DemoRunner.RunAsync(request, configuration.Build(), cancellationToken);
    }
}
