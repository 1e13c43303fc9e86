namespace SlackOigSync.Hosting;

/// <summary>A command cannot start as configured; its message is the one sentence to print, with exit code 2.</summary>
public sealed class StartupRefusedException : Exception
{
    public StartupRefusedException()
    {
    }

    public StartupRefusedException(string message)
        : base(message)
    {
    }

    public StartupRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
