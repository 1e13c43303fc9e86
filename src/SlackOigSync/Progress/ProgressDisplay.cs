namespace SlackOigSync.Progress;

/// <summary>
/// Where a live progress line goes: stderr when it is a terminal and logs are plain text (a JSON log stream is never
/// mixed with a redrawn line); otherwise nowhere, and progress is logged instead.
/// </summary>
public sealed class ProgressDisplay(TextWriter? terminal)
{
    private int _width;

    public static ProgressDisplay For(bool jsonLogs) => new(!jsonLogs && !Console.IsErrorRedirected ? Console.Error : null);

    public bool IsLive => terminal is not null;

    public void Draw(string line)
    {
        var width = Math.Max(40, SafeWidth() - 1);
        var text = line.Length > width ? line[..(width - 1)] + "…" : line;
        terminal!.Write("\r" + text.PadRight(Math.Max(_width, text.Length)));
        _width = text.Length;
        terminal.Flush();
    }

    public void Clear()
    {
        if (_width > 0)
        {
            terminal!.Write("\r" + new string(' ', _width) + "\r");
            terminal.Flush();
            _width = 0;
        }
    }

    private static int SafeWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 120;
        }
        catch (IOException)
        {
            return 120;
        }
    }
}
