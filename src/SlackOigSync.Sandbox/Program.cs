using System.Globalization;
using System.Runtime.InteropServices;
using SlackOigSync.Sandbox;
using SlackOigSync.Sandbox.Seed;

// Standalone sandbox: dotnet run --project src/SlackOigSync.Sandbox -- --seed config/sandbox-seed.json [--port N]
//                  or: ... -- --generate-users 50000 --generate-assignments 20000 [--random-seed 42]
string? seedPath = null;
int port = 0, users = 0, assignments = 0, randomSeed = 42;
var quiet = false;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--seed": seedPath = Next(); break;
        case "--port": port = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--generate-users": users = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--generate-assignments": assignments = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--random-seed": randomSeed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--quiet": quiet = true; break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Use --seed FILE [--port N] [--quiet], or --generate-users N --generate-assignments N [--random-seed N].");
            return 2;
    }
}

if (seedPath is null && users == 0)
{
    seedPath = "config/sandbox-seed.json";
}

var seed = seedPath is not null ? SeedLoader.ReadFile(seedPath) : SeedGenerator.Generate(new GeneratedOrgSpec(users, assignments, randomSeed));
await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Seed = seed, Port = port, LogRequests = !quiet });
Console.WriteLine($"""
    Sandbox listening on {sandbox.BaseUrl} (127.0.0.1 only)
      Slack API base URL : {sandbox.SlackApiBaseUrl}
      Okta org URL       : {sandbox.OktaBaseUrl}
      Slack app id (Okta): {sandbox.SlackAppId}
      Slack user token   : {sandbox.Tokens.SlackUserToken}
      Slack bot token    : {sandbox.Tokens.SlackBotToken}
      Slack role writer  : {sandbox.Tokens.SlackRoleWriterToken} (also admin.roles:write)
      Okta API token     : SSWS {sandbox.Tokens.OktaApiToken}
      Control API        : {sandbox.BaseUrl}_sandbox/state
    Press Ctrl+C to stop.
    """);

using var stop = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // Ctrl+C: fall through to a clean stop.
}

await sandbox.StopAsync();
Console.WriteLine("Sandbox stopped.");
return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
