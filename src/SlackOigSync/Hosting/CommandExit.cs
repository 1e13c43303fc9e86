namespace SlackOigSync.Hosting;

/// <summary>The exit code a hosted command (the one-shot run) leaves for the process once the host has stopped.</summary>
public sealed class CommandExit
{
    public int Code { get; set; }
}
