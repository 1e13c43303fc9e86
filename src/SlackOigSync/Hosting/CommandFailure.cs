using SlackOigSync.Http;
using SlackOigSync.Storage;

namespace SlackOigSync.Hosting;

/// <summary>How a command that fails says so: one sentence on stderr (the stack trace only with --verbose), and the exit code.</summary>
public static class CommandFailure
{
    public static async Task<int> ReportAsync(Exception e, int exitCode, CommandConsole console)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(console);
        await console.Errors.WriteLineAsync(e is StorageException or StartupRefusedException
            ? e.Message
            : SecretScrubber.Scrub($"unexpected {e.GetType().Name}: {e.Message.TrimEnd('.')}. Run again with --verbose for details."));
        if (console.Verbose)
        {
            await console.Errors.WriteLineAsync(SecretScrubber.Scrub(e.ToString()));
        }

        return exitCode;
    }
}
