using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Json;

namespace SlackOigSync.Hosting;

/// <summary>
/// CLEF (compact JSON, one object a line: @t, @mt, @l, @x and the properties, by Serilog.Formatting.Compact) plus
/// @m, the message rendered the way the console shows it: string values as written, not in quotes, so
/// <c>Sync finished SUCCESS</c> reads the same in both.
/// </summary>
public sealed class LiteralCompactJsonFormatter : ITextFormatter
{
    private static readonly JsonValueFormatter Values = new(typeTagName: "$type");

    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);
        using var compact = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        CompactJsonFormatter.FormatEvent(logEvent, compact, Values);
        var line = compact.ToString();

        // CompactJsonFormatter leaves @l out for Information (CLEF's default); it is written here for every level so
        // a reader never has to know that convention.
        var level = logEvent.Level == LogEventLevel.Information ? ",\"@l\":\"Information\"" : string.Empty;
        output.Write("{\"@m\":");
        JsonValueFormatter.WriteQuotedJsonString(Render(logEvent), output);
        output.Write(level);
        output.Write(',');
        output.Write(line.AsSpan(1));
        output.WriteLine();
    }

    /// <summary>The message with every string property rendered as with <c>:l</c> (no quotes).</summary>
    public static string Render(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        var literal = logEvent.Properties.ToDictionary(
            p => p.Key,
            p => p.Value is ScalarValue { Value: string text } ? new ScalarValue(new LiteralText(text)) : p.Value);
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        logEvent.MessageTemplate.Render(literal, writer, System.Globalization.CultureInfo.InvariantCulture);
        return writer.ToString();
    }

    /// <summary>A string that Serilog renders through ToString, so without the quotes it puts around strings.</summary>
    private sealed record LiteralText(string Text)
    {
        public override string ToString() => Text;
    }
}
