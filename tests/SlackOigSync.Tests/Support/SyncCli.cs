using SlackOigSync.Cli;

namespace SlackOigSync.Tests.Support;

/// <summary>Runs the real command line in-process against a sandbox, with a database of the test's own.</summary>
public sealed class SyncCli : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "slack-oig-sync-tests", Guid.NewGuid().ToString("N"));

    public SyncCli(TestSandbox sandbox)
    {
        System.IO.Directory.CreateDirectory(_directory);
        DatabasePath = Path.Combine(_directory, "sync.db");
        Overrides = new Dictionary<string, string?>
        {
            ["Slack:ApiBaseUrl"] = sandbox.Host.SlackApiBaseUrl.ToString(),
            ["Slack:Token"] = sandbox.Host.Tokens.SlackUserToken,
            ["Okta:OrgUrl"] = sandbox.Host.OktaBaseUrl.ToString(),
            ["Okta:ApiToken"] = sandbox.Host.Tokens.OktaApiToken,
            ["Okta:AccessToken"] = string.Empty,
            ["Okta:SlackAppId"] = sandbox.AppId,
            ["Sync:DatabasePath"] = DatabasePath,
            ["Sync:RoleCataloguePath"] = Path.Combine(AppContext.BaseDirectory, "config", "slack-roles.json"),
            ["Http:BaseDelay"] = "00:00:00.010",
        };
    }

    public string DatabasePath { get; }

    public string Directory => _directory;

    public Dictionary<string, string?> Overrides { get; }

    public Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    public async Task<(int ExitCode, string Output, string Errors)> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var config = Path.Combine(AppContext.BaseDirectory, "config", "appsettings.json");
        var code = await CommandLineApp.RunAsync([.. args, "--config", config], output, errors, Overrides, cancellationToken);
        return (code, output.ToString(), errors.ToString());
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow CI disk is not worth failing a test over.
        }
    }
}
