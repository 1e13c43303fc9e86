using System.Globalization;
using System.Runtime.InteropServices;
using SlackOigSync.Sandbox;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sandbox.OAuth;
using SlackOigSync.Sandbox.Seed;

// Standalone sandbox: dotnet run --project src/SlackOigSync.Sandbox -- --seed config/sandbox-seed.json [--port N]
//                  or: ... -- --generate-users 50000 --generate-assignments 20000 [--random-seed 42]
// Either may register an API Services app for private_key_jwt (granted every scope the sync uses, an admin role):
//   --oauth-client CLIENT_ID --oauth-public-key FILE (PEM or JWK) [--oauth-key-id KID] [--oauth-require-dpop]
string? seedPath = null, oauthClient = null, oauthKeyFile = null, oauthKeyId = null;
var oauthRequireDpop = false;
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
        case "--oauth-client": oauthClient = Next(); break;
        case "--oauth-public-key": oauthKeyFile = Next(); break;
        case "--oauth-key-id": oauthKeyId = Next(); break;
        case "--oauth-require-dpop": oauthRequireDpop = true; break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Use --seed FILE [--port N] [--quiet], or --generate-users N --generate-assignments N [--random-seed N]; optionally --oauth-client ID --oauth-public-key FILE [--oauth-key-id KID] [--oauth-require-dpop].");
            return 2;
    }
}

if ((oauthClient is null) != (oauthKeyFile is null))
{
    Console.Error.WriteLine("--oauth-client and --oauth-public-key go together.");
    return 2;
}

if (seedPath is null && users == 0)
{
    seedPath = "config/sandbox-seed.json";
}

var seed = seedPath is not null ? SeedLoader.ReadFile(seedPath) : SeedGenerator.Generate(new GeneratedOrgSpec(users, assignments, randomSeed));
await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Seed = seed, Port = port, LogRequests = !quiet });
var oauthLine = string.Empty;
if (oauthClient is not null)
{
    var jwk = PublicKeyFile.Read(oauthKeyFile!, oauthKeyId);
    sandbox.OAuth.Register(new OAuthClient(oauthClient, [jwk], SandboxTokens.AllOktaScopes, oauthRequireDpop, AdminRole: true, TokenLifetimeSeconds: 3600));
    oauthLine = $"\n  OAuth service app  : {oauthClient} (kid {jwk.Kid}{(oauthRequireDpop ? ", DPoP required" : string.Empty)}), token URL {sandbox.OktaBaseUrl}oauth2/v1/token";
}

Console.WriteLine($"""
    Sandbox listening on {sandbox.BaseUrl} (127.0.0.1 only)
      Slack API base URL : {sandbox.SlackApiBaseUrl}
      Okta org URL       : {sandbox.OktaBaseUrl}
      Slack app id (Okta): {sandbox.SlackAppId}
      Slack user token   : {sandbox.Tokens.SlackUserToken}
      Slack bot token    : {sandbox.Tokens.SlackBotToken}
      Slack role writer  : {sandbox.Tokens.SlackRoleWriterToken} (also admin.roles:write)
      Slack alert bot    : {sandbox.Tokens.SlackAlertBotToken} (chat:write; any path below {sandbox.SlackWebhooksBaseUrl} is an incoming webhook)
      Okta API token     : {sandbox.Tokens.OktaApiToken} (Okta:ApiToken; sent as "Authorization: SSWS <token>")
      Control API        : {sandbox.BaseUrl}_sandbox/state{oauthLine}
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
