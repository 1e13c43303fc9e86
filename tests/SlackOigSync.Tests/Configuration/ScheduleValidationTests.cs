using System.Text.Json;
using SlackOigSync.Cli;
using SlackOigSync.Configuration;

namespace SlackOigSync.Tests.Configuration;

/// <summary>The daemon's schedule settings: one sentence per problem, and exit code 2 before anything runs.</summary>
public sealed class ScheduleValidationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "slack-oig-sync-tests", "schedule-" + Guid.NewGuid().ToString("N"));

    private static List<string> Problems(string? cron = null, string dailyAt = "02:00", string zone = "UTC") =>
        SettingsValidator.ValidateSchedule(new ScheduleSettings { Cron = cron, DailyAt = dailyAt, TimeZone = zone });

    [Theory]
    [InlineData("0 25 * * *")]
    [InlineData("every night")]
    [InlineData("0 2 * *")]
    [InlineData("0 0 2 * * * *")]
    public void An_invalid_cron_expression_is_one_sentence_naming_the_setting_the_value_and_an_example(string cron)
    {
        var problem = Assert.Single(Problems(cron: cron));
        Assert.StartsWith($"Schedule:Cron '{cron}' is not a cron expression (", problem, StringComparison.Ordinal);
        Assert.Contains("e.g. '0 2 * * *' for 02:00 every day", problem, StringComparison.Ordinal);
        Assert.EndsWith(".", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cron_expression_that_never_occurs_is_refused() =>
        Assert.StartsWith("Schedule:Cron '0 2 30 2 *' never occurs", Assert.Single(Problems(cron: "0 2 30 2 *")), StringComparison.Ordinal);

    [Theory]
    [InlineData("0 2 * * *")]
    [InlineData("*/15 * * * *")]
    [InlineData("0 30 1 * * MON-FRI")]
    [InlineData("@hourly")]
    public void Valid_cron_expressions_pass(string cron) => Assert.Empty(Problems(cron: cron, zone: "Europe/Paris"));

    [Fact]
    public void With_Schedule_Cron_set_DailyAt_is_not_read_so_not_checked() =>
        Assert.Empty(Problems(cron: "0 3 * * *", dailyAt: "25:00"));

    [Fact]
    public void Without_Schedule_Cron_DailyAt_is_checked_as_before() =>
        Assert.Equal("Schedule:DailyAt '25:00' is not a time of day. Use HH:mm, e.g. 02:00.", Assert.Single(Problems(dailyAt: "25:00")));

    [Fact]
    public void An_unknown_zone_and_a_bad_expression_are_two_sentences() =>
        Assert.Equal(2, Problems(cron: "0 25 * * *", zone: "Mars/Olympus").Count);

    [Fact]
    public async Task The_daemon_refuses_an_invalid_cron_expression_with_exit_code_2_before_touching_the_database()
    {
        Directory.CreateDirectory(_directory);
        var database = Path.Combine(_directory, "sync.db");
        var config = Path.Combine(_directory, "appsettings.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new Dictionary<string, Dictionary<string, object>>
        {
            ["Slack"] = new() { ["ApiBaseUrl"] = "http://127.0.0.1:9/slack/api/", ["Token"] = "xoxp-test-schedule-0001" },
            ["Okta"] = new() { ["OrgUrl"] = "http://127.0.0.1:9", ["ApiToken"] = "00test-schedule-okta-0001", ["AccessToken"] = string.Empty, ["SlackAppId"] = "0oa1b2c3d4e5f6g7h8i9" },
            ["Sync"] = new() { ["DatabasePath"] = database, ["RoleCataloguePath"] = Path.Combine(AppContext.BaseDirectory, "config", "slack-roles.json") },
            ["Schedule"] = new() { ["DailyAt"] = "02:00", ["Cron"] = "0 25 * * *" },
        }));
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var code = await CommandLineApp.RunAsync(["daemon", "--config", config], output, errors);

        Assert.True(code == CommandLineApp.UsageError, $"exit code {code}; stderr: {errors}");
        Assert.Contains("  - Schedule:Cron '0 25 * * *' is not a cron expression (", errors.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(database), "a database was created");
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
