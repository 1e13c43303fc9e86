using SlackOigSync.Cli;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Cli;

/// <summary>Mistakes on the command line and in the Serilog section: exit 2 and one sentence, never a crash, and nothing created.</summary>
public sealed class CommandLineMistakeTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "slack-oig-sync-tests", "cli-" + Guid.NewGuid().ToString("N"));

    public CommandLineMistakeTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<(int Code, string Output, string Errors)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await CommandLineApp.RunAsync(args, output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    [Theory]
    [InlineData("history", "Serilog:MinimumLevel:Default=Loud")]
    [InlineData("history", "Serilog:MinimumLevel=Loud")]
    [InlineData("history", "Serilog:MinimumLevel:Override:SlackOigSync=Loud")]
    [InlineData("history", "Serilog:Using:0=No.Such.Sink")]
    [InlineData("run", "Serilog:MinimumLevel:Default=Loud")]
    public async Task A_bad_serilog_setting_is_exit_2_and_one_sentence(string command, string set)
    {
        var database = Path.Combine(_directory, "sync.db");
        var (code, _, errors) = await RunAsync(command, "--set", $"Sync:DatabasePath={database}", "--set", set);

        Assert.True(code == CommandLineApp.UsageError, $"exit code {code}; stderr: {errors}");
        Assert.StartsWith("The Serilog section of the configuration cannot be used (", errors, StringComparison.Ordinal);
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(database));
    }

    [Theory]
    [InlineData("history", "--limit", "0")]
    [InlineData("history", "--limit", "-5")]
    [InlineData("run", "--set")]
    public async Task A_missing_or_impossible_option_value_is_a_usage_error(params string[] args)
    {
        var (code, output, errors) = await RunAsync(args);

        Assert.Equal(CommandLineApp.UsageError, code);
        Assert.EndsWith("Run with --help for usage.", errors.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public async Task A_configuration_file_that_is_a_directory_or_a_database_that_is_one_is_named_as_such()
    {
        var (configCode, _, configErrors) = await RunAsync("history", "--config", _directory);
        Assert.Equal(CommandLineApp.UsageError, configCode);
        Assert.Equal($"Configuration file '{_directory}' is a directory. Pass --config with the path to appsettings.json itself.", configErrors.Trim());

        var (databaseCode, _, databaseErrors) = await RunAsync("history", "--set", $"Sync:DatabasePath={_directory}");
        Assert.Equal(CommandLineApp.UsageError, databaseCode);
        Assert.StartsWith($"Sync:DatabasePath {_directory} is a directory, not a file", databaseErrors.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_configuration_creates_no_directory_for_the_database()
    {
        var database = Path.Combine(_directory, "new", "sub", "sync.db");

        var (code, _, errors) = await RunAsync("run", "--set", $"Sync:DatabasePath={database}", "--set", "Okta:ApiToken=", "--set", "Slack:Token=");

        Assert.True(code == CommandLineApp.UsageError, $"exit code {code}; stderr: {errors}");
        Assert.False(Directory.Exists(Path.Combine(_directory, "new")), "validation created the database's directory");
    }

    [Fact]
    public async Task A_run_whose_stdout_is_gone_keeps_its_exit_code_and_still_alerts()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Alerts:SlackWebhookUrl"] = new Uri(sandbox.Host.SlackWebhooksBaseUrl, "T0SANDBOX01/B0TEST0001/stdout").ToString();
        cli.Overrides["Alerts:On"] = "Success";
        using var errors = new StringWriter();

        var code = await CommandLineApp.RunAsync(["run", "--config", Path.Combine(AppContext.BaseDirectory, "config", "appsettings.json")], new BrokenWriter(), errors, cli.Overrides);

        Assert.True(code == 0, $"exit code {code}; stderr: {errors}");
        Assert.Contains("Could not write the run's tables to stdout (", errors.ToString(), StringComparison.Ordinal);
        Assert.Single(sandbox.Host.SlackMessages.All());
    }

    /// <summary>stdout on a full disk or a closed pipe.</summary>
    private sealed class BrokenWriter : StringWriter
    {
        public override void Write(char value) => throw new IOException("No space left on device");

        public override void Write(string? value) => throw new IOException("No space left on device");

        public override void WriteLine(string? value) => throw new IOException("No space left on device");

        public override Task WriteLineAsync(string? value) => throw new IOException("No space left on device");
    }
}
