using System.Runtime.InteropServices;
using SlackOigSync.Cli;

// SIGTERM (Kubernetes, systemd) and Ctrl+C ask the run to stop between writes instead of killing it mid-call.
using var stop = new CancellationTokenSource();
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
return await CommandLineApp.RunAsync(args, Console.Out, Console.Error, cancellationToken: stop.Token);

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
