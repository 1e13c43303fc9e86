using System.Text;
using Serilog.Events;
using Serilog.Parsing;

namespace SlackOigSync.Hosting;

/// <summary>
/// Under --json-logs, turns each line the command line writes to stderr itself (configuration problems, usage
/// errors, storage failures) into one CLEF object at Error level, so stderr stays one JSON object a line.
/// </summary>
public sealed class ClefLineWriter(TextWriter inner, TimeProvider clock) : TextWriter
{
    private readonly LiteralCompactJsonFormatter _formatter = new();
    private readonly StringBuilder _line = new();
    private readonly Lock _gate = new();

    /// <summary>The writer lines end up on; the logger writes there directly, already as CLEF.</summary>
    public TextWriter Inner => inner;

    public override Encoding Encoding => inner.Encoding;

    public static TextWriter Unwrap(TextWriter writer) => writer is ClefLineWriter clef ? clef.Inner : writer;

    public override void Write(char value)
    {
        lock (_gate)
        {
            if (value == '\n')
            {
                Emit();
            }
            else if (value != '\r')
            {
                _line.Append(value);
            }
        }
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? string.Empty)
        {
            Write(c);
        }
    }

    public override void WriteLine(string? value)
    {
        Write(value);
        Write('\n');
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    public override void Flush()
    {
        lock (_gate)
        {
            if (_line.Length > 0)
            {
                Emit();
            }

            inner.Flush();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }

    private void Emit()
    {
        var text = _line.ToString();
        _line.Clear();
        var template = new MessageTemplate([new TextToken(text)]);
        _formatter.Format(new LogEvent(clock.GetUtcNow(), LogEventLevel.Error, null, template, []), inner);
    }
}
