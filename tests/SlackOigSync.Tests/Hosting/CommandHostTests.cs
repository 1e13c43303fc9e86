using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SlackOigSync.Configuration;
using SlackOigSync.Hosting;

namespace SlackOigSync.Tests.Hosting;

/// <summary>The one composition root: configuration sources, Serilog levels from configuration, settings validated as options at start.</summary>
public sealed class CommandHostTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("command-host-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Dictionary<string, string?> ValidSettings() => new()
    {
        ["Slack:Token"] = "xoxp-test-command-host-0001",
        ["Okta:OrgUrl"] = "http://127.0.0.1:9",
        ["Okta:ApiToken"] = "00test-command-host-0001",
        ["Okta:SlackAppId"] = "0oa1b2c3d4e5f6g7h8i9",
        ["Sync:DatabasePath"] = Path.Combine(_directory, "sync.db"),
        ["Sync:RoleCataloguePath"] = Path.Combine(AppContext.BaseDirectory, "config", "slack-roles.json"),
    };

    private static HostRequest Request(CommandNeeds needs, Dictionary<string, string?> settings, TextWriter errors, bool verbose = false, params string[] sets) =>
        new(needs, Path.Combine(AppContext.BaseDirectory, "config", "appsettings.json"), sets, settings, JsonLogs: false, new CommandConsole(TextWriter.Null, errors, verbose));

    [Theory]
    [InlineData(null, false, false, true, true)]
    [InlineData("Serilog:MinimumLevel:Default=Warning", false, false, false, true)]
    [InlineData("Serilog:MinimumLevel:Override:SlackOigSync.Tests=Error", false, false, false, false)]
    [InlineData("Serilog:MinimumLevel:Override:SlackOigSync.Tests=Debug", false, true, true, true)]
    [InlineData("Serilog:MinimumLevel:Default=Warning", true, true, true, true)]
    public void Log_levels_come_from_the_configuration_and_verbose_turns_debug_on(string? set, bool verbose, bool debug, bool information, bool warning)
    {
        using var errors = new StringWriter();
        var (builder, problem) = CommandHost.CreateBuilder(Request(CommandNeeds.DatabaseOnly, ValidSettings(), errors, verbose, set is null ? [] : [set]));
        Assert.True(builder is not null, problem);
        using (var host = builder.Build())
        {
            var logger = host.Services.GetRequiredService<ILogger<CommandHostTests>>();
            logger.LogDebug("Debug line");
            logger.LogInformation("Information line");
            logger.LogWarning("Warning line");
        }

        var text = errors.ToString();
        Assert.Equal(debug, text.Contains("DBG [] Debug line", StringComparison.Ordinal));
        Assert.Equal(information, text.Contains("INF [] Information line", StringComparison.Ordinal));
        Assert.Equal(warning, text.Contains("WRN [] Warning line", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Settings_are_options_validated_at_start_each_problem_one_line_and_nothing_is_created()
    {
        var settings = ValidSettings();
        settings["Okta:SlackAppId"] = "not-an-app-id";
        settings["Http:MaxRetries"] = "99";
        using var errors = new StringWriter();
        var (builder, _) = CommandHost.CreateBuilder(Request(CommandNeeds.ApisAndDatabase, settings, errors));
        using var host = builder!.Build();

        var failure = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<AppSettings>>().Value);
        Assert.Equal(2, failure.Failures.Count());
        Assert.Equal(CommandHost.UsageError, await CommandHost.StartAsync(host, CancellationToken.None));
        var lines = errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Configuration is not valid (2 problems); nothing was called:", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("  - Okta:SlackAppId 'not-an-app-id' is not an Okta app id", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  - Http:MaxRetries (99) must be between", StringComparison.Ordinal));
        Assert.False(File.Exists(settings["Sync:DatabasePath"]), "the database was created before the settings were valid");
    }

    [Fact]
    public async Task A_database_only_command_needs_no_api_settings_and_migrates_the_database_at_start()
    {
        var settings = new Dictionary<string, string?> { ["Sync:DatabasePath"] = Path.Combine(_directory, "sync.db"), ["Slack:Token"] = "", ["Okta:ApiToken"] = "" };
        using var errors = new StringWriter();
        var (builder, _) = CommandHost.CreateBuilder(Request(CommandNeeds.ApisAndDatabase with { Apis = false }, settings, errors));
        using var host = builder!.Build();

        Assert.Null(await CommandHost.StartAsync(host, CancellationToken.None));
        await host.StopAsync();
        Assert.True(File.Exists(settings["Sync:DatabasePath"]));
        Assert.Equal(string.Empty, errors.ToString());
    }

    [Fact]
    public void The_default_configuration_file_may_be_absent_but_a_named_one_may_not()
    {
        var absent = Path.Combine(_directory, "appsettings.json");
        var fromDefault = new ConfigurationBuilder();
        Assert.Null(ConfigurationSources.Add(fromDefault, null, ["Sync:DatabasePath=/data/x.db"], null, defaultFile: absent));
        Assert.Equal("/data/x.db", fromDefault.Build()["Sync:DatabasePath"]);

        var named = ConfigurationSources.Add(new ConfigurationBuilder(), absent, [], null);
        Assert.Equal($"Configuration file '{absent}' does not exist. Pass --config with the path to appsettings.json, or run from the repository root.", named);
    }
}
