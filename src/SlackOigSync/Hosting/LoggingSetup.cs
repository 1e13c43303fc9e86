using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace SlackOigSync.Hosting;

/// <summary>
/// Serilog to stderr (stdout stays for tables): readable lines by default, CLEF (compact JSON, one object a line)
/// with --json-logs. Levels: Information, with Microsoft.* and System.Net.Http at Warning; the "Serilog" section of
/// the configuration (Serilog.Settings.Configuration, e.g. Serilog:MinimumLevel:Override:SlackOigSync.Http) changes
/// them; --verbose turns Debug on over all of it. Tests pass their own writer; the process passes Console.Error.
/// </summary>
public static class LoggingSetup
{
    public const string TextTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss} {Level:u3} [{ExecutionId}] {Message:lj}{NewLine}{Exception}";

    public static LoggerConfiguration Configure(LoggerConfiguration logger, IConfiguration? configuration, bool json, bool verbose, TextWriter? errors = null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        logger.MinimumLevel.Information()
            .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .Enrich.FromLogContext();
        if (configuration is not null)
        {
            logger.ReadFrom.Configuration(configuration);
        }

        if (verbose)
        {
            logger.MinimumLevel.Debug();
        }

        var culture = System.Globalization.CultureInfo.InvariantCulture;
        if (errors is null || ReferenceEquals(errors, Console.Error))
        {
            return json
                ? logger.WriteTo.Console(new LiteralCompactJsonFormatter(), standardErrorFromLevel: LogEventLevel.Verbose)
                : logger.WriteTo.Console(outputTemplate: TextTemplate, standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: culture);
        }

        return json
            ? logger.WriteTo.Sink(new TextWriterSink(new LiteralCompactJsonFormatter(), errors))
            : logger.WriteTo.Sink(new TextWriterSink(new MessageTemplateTextFormatter(TextTemplate, culture), errors));
    }


    /// <summary>
    /// The one sentence that says why the "Serilog" section cannot be used (a level that is not one, a sink that is
    /// not installed), or null. Checked before the host is built, so that a typo there is exit 2, not a crash.
    /// </summary>
    public static string? Problem(IConfiguration configuration)
    {
        try
        {
            using var logger = new LoggerConfiguration().ReadFrom.Configuration(configuration).CreateLogger();
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"The Serilog section of the configuration cannot be used ({Http.SecretScrubber.Scrub(e.Message.Split('\n')[0].Trim().TrimEnd('.'))}). Fix or remove it: levels are Verbose, Debug, Information, Warning, Error and Fatal, e.g. Serilog:MinimumLevel:Default=Information or Serilog:MinimumLevel:Override:SlackOigSync.Http=Debug.";
        }
    }
}
