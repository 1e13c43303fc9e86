using Serilog;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace SlackOigSync.Hosting;

/// <summary>
/// Serilog to stderr (stdout stays for tables): readable lines by default, CLEF (compact JSON, one object a line)
/// with --json-logs. Tests pass their own writer; the process passes Console.Error and gets the console sink.
/// </summary>
public static class LoggingSetup
{
    public const string TextTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss} {Level:u3} [{ExecutionId}] {Message:lj}{NewLine}{Exception}";

    public static Serilog.ILogger Create(bool json, LogEventLevel level, TextWriter? errors = null)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .Enrich.FromLogContext();
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        if (errors is null || ReferenceEquals(errors, Console.Error))
        {
            return (json
                    ? configuration.WriteTo.Console(new LiteralCompactJsonFormatter(), standardErrorFromLevel: LogEventLevel.Verbose)
                    : configuration.WriteTo.Console(outputTemplate: TextTemplate, standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: culture))
                .CreateLogger();
        }

        return (json
                ? configuration.WriteTo.Sink(new TextWriterSink(new LiteralCompactJsonFormatter(), errors))
                : configuration.WriteTo.Sink(new TextWriterSink(new MessageTemplateTextFormatter(TextTemplate, culture), errors)))
            .CreateLogger();
    }
}
