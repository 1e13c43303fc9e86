using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace SlackOigSync.Hosting;

/// <summary>Serilog to stderr (stdout stays for tables): readable lines by default, JSON lines on request.</summary>
public static class LoggingSetup
{
    public static Serilog.ILogger Create(bool json, LogEventLevel level)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .Enrich.FromLogContext();
        return (json
                ? configuration.WriteTo.Console(new JsonFormatter(renderMessage: true), standardErrorFromLevel: LogEventLevel.Verbose)
                : configuration.WriteTo.Console(
                    outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss} {Level:u3} [{ExecutionId}] {Message:lj}{NewLine}{Exception}",
                    standardErrorFromLevel: LogEventLevel.Verbose,
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture))
            .CreateLogger();
    }
}
