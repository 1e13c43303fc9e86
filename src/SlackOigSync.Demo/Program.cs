using SlackOigSync.Demo;

// dotnet run --project src/SlackOigSync.Demo [-- --config FILE] [--set Section:Key=value …]
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
return await DemoProgram.RunAsync(args, Console.Out, Console.Error, null, stop.Token);
