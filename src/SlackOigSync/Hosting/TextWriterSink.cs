using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace SlackOigSync.Hosting;

/// <summary>Writes each event to a given writer (the command line's stderr when it is not the process's), one at a time.</summary>
public sealed class TextWriterSink(ITextFormatter formatter, TextWriter output) : ILogEventSink
{
    private readonly Lock _gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            formatter.Format(logEvent, output);
            output.Flush();
        }
    }
}
