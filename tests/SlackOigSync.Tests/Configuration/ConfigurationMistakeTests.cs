using System.Text.Json;
using SlackOigSync.Cli;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Configuration;

/// <summary>
/// Every configuration mistake ends with exit code 2 and one sentence per problem before any API call or database
/// write: the real command line, a config file of the test's own, and --set.
/// </summary>
public sealed class ConfigurationMistakeTests : IDisposable
{
    private const string SlackToken = "xoxp-test-secret-slack-0001";
    private const string OktaToken = "00test-secret-okta-token-0001";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "slack-oig-sync-tests", "config-" + Guid.NewGuid().ToString("N"));

    public ConfigurationMistakeTests()
    {
        Directory.CreateDirectory(_directory);
        DatabasePath = Path.Combine(_directory, "sync.db");
        ConfigPath = Path.Combine(_directory, "appsettings.json");
        WriteConfig(ValidConfig());
    }

    private string DatabasePath { get; }

    private string ConfigPath { get; }

    /// <summary>A configuration that passes validation; its URLs are a closed loopback port, so a mistake that slipped through fails fast.</summary>
    private Dictionary<string, Dictionary<string, object>> ValidConfig() => new()
    {
        ["Slack"] = new() { ["ApiBaseUrl"] = "http://127.0.0.1:9/slack/api/", ["Token"] = SlackToken },
        ["Okta"] = new() { ["OrgUrl"] = "http://127.0.0.1:9", ["ApiToken"] = OktaToken, ["AccessToken"] = string.Empty, ["SlackAppId"] = "0oa1b2c3d4e5f6g7h8i9" },
        ["Sync"] = new() { ["DatabasePath"] = DatabasePath, ["RoleCataloguePath"] = Path.Combine(AppContext.BaseDirectory, "config", "slack-roles.json") },
        ["Http"] = new() { ["MaxRetries"] = 1, ["BaseDelay"] = "00:00:00.010", ["AttemptTimeout"] = "00:00:02" },
    };

    private void WriteConfig(object config) => File.WriteAllText(ConfigPath, JsonSerializer.Serialize(config));

    private async Task<(int Code, string Output, string Errors)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await CommandLineApp.RunAsync([.. args, "--config", ConfigPath], output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    /// <summary>Exit code 2, the sentence, no stack trace, no secret, and no database file.</summary>
    private async Task<string> AssertRefusedAsync(string expected, params string[] args)
    {
        var (code, _, errors) = await RunAsync(args);
        Assert.True(code == CommandLineApp.UsageError, $"exit code {code}; stderr: {errors}");
        Assert.Contains(expected, errors);
        Assert.DoesNotContain("   at ", errors);
        Assert.DoesNotContain("Exception", errors);
        Assert.DoesNotContain(SlackToken, errors);
        Assert.DoesNotContain(OktaToken, errors);
        Assert.False(File.Exists(DatabasePath), "a database was created");
        return errors;
    }

    [Fact]
    public async Task The_valid_base_configuration_passes_validation()
    {
        // Guards the tests below: with nothing wrong, the run gets past validation (and fails on the closed port, exit 1).
        var (code, _, errors) = await RunAsync("run", "--set", "Http:AttemptTimeout=00:00:01");
        Assert.DoesNotContain("Configuration is not valid", errors);
        Assert.Equal(1, code);
    }

    [Theory]
    [InlineData("{\"Slack\": {", "is not valid JSON at line 1")]
    [InlineData("{\"Slack\": {\"Token\": \"xoxp-test-secret-slack-0001\" \"Okta\": {}}", "is not valid JSON at line 1")]
    [InlineData("[]", "holds a JSON array at the top level; it must hold one JSON object")]
    [InlineData("\"xoxp-test-secret-slack-0001\"", "holds a JSON string at the top level")]
    [InlineData("42", "holds a JSON number at the top level")]
    [InlineData("null", "holds JSON null at the top level")]
    [InlineData("", "is empty; it must hold one JSON object")]
    [InlineData("  \n", "is empty; it must hold one JSON object")]
    [InlineData("{\"Slack\": {\"Token\": \"a\", \"token\": \"b\"}}", "cannot be used (A duplicate key 'Slack:token' was found")]
    public async Task A_config_file_that_is_not_one_JSON_object_is_refused(string content, string expected)
    {
        File.WriteAllText(ConfigPath, content);
        var errors = await AssertRefusedAsync(expected, "run");
        Assert.Contains($"Configuration file '{ConfigPath}'", errors);
    }

    [Fact]
    public async Task A_config_file_with_comments_and_trailing_commas_is_read_as_the_provider_reads_it()
    {
        File.WriteAllText(ConfigPath, "// comment\n{\"Sync\": {\"WriteConcurrency\": 0,},}");
        await AssertRefusedAsync("Sync:WriteConcurrency (0) and Sync:LookupConcurrency (4) must be between 1 and 32.", "run");
    }

    [Fact]
    public async Task A_missing_config_file_keeps_its_message()
    {
        File.Delete(ConfigPath);
        await AssertRefusedAsync($"Configuration file '{ConfigPath}' does not exist. Pass --config", "run");
    }

    [Theory]
    [InlineData("Sync:WriteConcurrency=abc", "Sync:WriteConcurrency 'abc' is not a whole number; set a whole number in digits, e.g. 4 (the default).")]
    [InlineData("Sync:MaxRevocations=12.5", "Sync:MaxRevocations '12.5' is not a whole number; set a whole number in digits, e.g. 50 (the default).")]
    [InlineData("Sync:LookupConcurrency=99999999999", "Sync:LookupConcurrency '99999999999' is too large or too small to be read; set a whole number in digits, e.g. 4 (the default).")]
    [InlineData("Sync:BulkLookup=Sometimes", "Sync:BulkLookup 'Sometimes' is not one of Auto, Always, Never; set one of Auto, Always, Never, e.g. Auto (the default).")]
    [InlineData("Sync:BulkLookup=7", "Sync:BulkLookup '7' is not one of Auto, Always, Never;")]
    [InlineData("Sync:BulkLookup=Auto,Never", "Sync:BulkLookup 'Auto,Never' is not one of Auto, Always, Never;")]
    [InlineData("Http:BaseDelay=500ms", "Http:BaseDelay '500ms' is not a duration; set a duration as hh:mm:ss or hh:mm:ss.fff, e.g. 00:00:00.500 (the default).")]
    [InlineData("Sync:LeaseDuration=ten minutes", "Sync:LeaseDuration 'ten minutes' is not a duration; set a duration as hh:mm:ss or hh:mm:ss.fff, e.g. 00:10:00 (the default).")]
    [InlineData("Sync:AllowMassRevocation=yes", "Sync:AllowMassRevocation 'yes' is not true or false; set true or false.")]
    [InlineData("Sync:MaxRevocationShare=20%", "Sync:MaxRevocationShare '20%' is not a number; set a decimal number with a dot, e.g. 0.2 (the default).")]
    [InlineData("Sync:MaxRevocationShare=0,2", "Sync:MaxRevocationShare '0,2' is not a number;")]
    [InlineData("Http:MaxResponseBytes=32MB", "Http:MaxResponseBytes '32MB' is not a whole number; set a whole number in digits, e.g. 33554432 (the default).")]
    [InlineData("Http:RateLimitReserve=", "Http:RateLimitReserve is empty; set a decimal number with a dot, e.g. 0.05 (the default), or remove the setting to use the default.")]
    [InlineData("Slack=xoxp-test-secret-slack-0001", "Slack is a single value, but it must be a section of settings")]
    public async Task A_value_of_the_wrong_type_is_refused_with_the_setting_the_value_and_the_format(string set, string expected)
    {
        await AssertRefusedAsync(expected, "run", "--set", set);
    }

    [Fact]
    public async Task Every_value_of_the_wrong_type_gets_its_own_sentence()
    {
        var errors = await AssertRefusedAsync(
            "Configuration is not valid (4 problems); nothing was called:",
            "run", "--set", "Sync:WriteConcurrency=abc", "--set", "Sync:BulkLookup=Sometimes", "--set", "Http:BaseDelay=500ms", "--set", "sync:allowmassrevocation=yes");
        Assert.Contains("  - Sync:WriteConcurrency 'abc'", errors);
        Assert.Contains("  - Sync:BulkLookup 'Sometimes'", errors);
        Assert.Contains("  - Http:BaseDelay '500ms'", errors);
        Assert.Contains("  - Sync:AllowMassRevocation 'yes'", errors);
    }

    [Fact]
    public async Task A_section_or_list_where_a_value_belongs_is_refused_without_repeating_a_secret()
    {
        var config = ValidConfig();
        config["Sync"]["WriteConcurrency"] = new[] { 1, 2 };
        config["Okta"]["ApiToken"] = new Dictionary<string, string> { ["value"] = OktaToken };
        WriteConfig(config);
        var errors = await AssertRefusedAsync("Sync:WriteConcurrency is a section or a list, but it must be a single value (a whole number in digits, e.g. 4 (the default)).", "run");
        Assert.Contains("Okta:ApiToken is a section or a list, but it must be a single value.", errors);
    }

    [Fact]
    public async Task Wrong_types_in_the_file_are_refused_for_history_too_before_the_database_is_opened()
    {
        var config = ValidConfig();
        config["Sync"]["LeaseDuration"] = true;
        WriteConfig(config);
        await AssertRefusedAsync("Sync:LeaseDuration 'True' is not a duration;", "history");
    }

    [Fact]
    public async Task An_empty_database_path_is_refused_for_every_command()
    {
        var (code, _, errors) = await RunAsync("history", "--set", "Sync:DatabasePath=");
        Assert.Equal(CommandLineApp.UsageError, code);
        Assert.Contains("Sync:DatabasePath is empty. Set it to the SQLite file", errors);
    }

    [Theory]
    [InlineData("Sync:MaxRevocationShare=1.5", "Sync:MaxRevocationShare (1.5) must be between 0 and 1: it is the largest share of managed grants one run may revoke, e.g. 0.2 for 20%.")]
    [InlineData("Sync:MaxRevocationShare=-0.1", "Sync:MaxRevocationShare (-0.1) must be between 0 and 1")]
    [InlineData("Sync:MaxRevocationShare=NaN", "Sync:MaxRevocationShare (NaN) must be between 0 and 1")]
    [InlineData("Sync:MaxRevocations=-1", "Sync:MaxRevocations (-1) must be 0 or more: it is the largest number of grants one run may revoke, e.g. 50.")]
    [InlineData("Sync:LeaseDuration=00:00:00", "Sync:LeaseDuration (00:00:00) must be between 00:00:01 and 1.00:00:00: it is how long a run's lease on the database lasts without renewal, e.g. 00:10:00.")]
    [InlineData("Sync:LeaseDuration=-00:05:00", "Sync:LeaseDuration (-00:05:00) must be between 00:00:01 and 1.00:00:00")]
    [InlineData("Sync:LeaseDuration=30", "Sync:LeaseDuration (30.00:00:00) must be between 00:00:01 and 1.00:00:00 (a bare number such as 5 is read as days)")]
    [InlineData("Http:MaxRetries=21", "Http:MaxRetries (21) must be between 1 and 20: it is how often one failed call is retried, e.g. 6.")]
    [InlineData("Http:MaxRetries=0", "Http:MaxRetries (0) must be between 1 and 20")]
    [InlineData("Http:MaxRetries=-1", "Http:MaxRetries (-1) must be between 1 and 20")]
    [InlineData("Http:BaseDelay=00:00:00", "Http:BaseDelay (00:00:00) must be more than 0 and at most 00:01:00: it is the wait before the first retry, doubled for each next one, e.g. 00:00:00.500.")]
    [InlineData("Http:BaseDelay=00:01:00.001", "Http:BaseDelay (00:01:00.001) must be more than 0 and at most 00:01:00")]
    [InlineData("Http:BaseDelay=500", "Http:BaseDelay (500.00:00:00) must be more than 0 and at most 00:01:00 (a bare number such as 5 is read as days)")]
    [InlineData("Http:AttemptTimeout=-00:00:01", "Http:AttemptTimeout (-00:00:01) must be more than 0 and at most 00:10:00: it is how long one HTTP attempt may take, e.g. 00:00:30.")]
    [InlineData("Http:AttemptTimeout=01:00:00", "Http:AttemptTimeout (01:00:00) must be more than 0 and at most 00:10:00")]
    [InlineData("Http:RetryBudgetPerRun=-5", "Http:RetryBudgetPerRun (-5) must be 0 or more: it is the retries one run may spend across all calls, e.g. 500.")]
    [InlineData("Http:RateLimitReserve=0.6", "Http:RateLimitReserve (0.6) must be between 0 and 0.5: it is the share of an Okta rate limit kept in reserve (0 turns pacing off), e.g. 0.05.")]
    [InlineData("Http:RateLimitReserve=-0.01", "Http:RateLimitReserve (-0.01) must be between 0 and 0.5")]
    [InlineData("Http:MaxPagesPerListing=0", "Http:MaxPagesPerListing (0) must be 1 or more: it is the most pages one listing may take, e.g. 10000.")]
    [InlineData("Http:MaxResponseBytes=1000", "Http:MaxResponseBytes (1000) must be between 1048576 (1 MiB) and 1073741824 (1 GiB): it is the largest answer body read, e.g. 33554432 (32 MiB).")]
    [InlineData("Http:MaxResponseBytes=2147483648", "Http:MaxResponseBytes (2147483648) must be between 1048576 (1 MiB) and 1073741824 (1 GiB)")]
    [InlineData("Sync:WriteConcurrency=0", "Sync:WriteConcurrency (0) and Sync:LookupConcurrency (4) must be between 1 and 32.")]
    public async Task A_value_out_of_range_is_refused_with_the_bounds(string set, string expected)
    {
        await AssertRefusedAsync(expected, "run", "--set", set);
    }

    [Theory]
    [InlineData("Sync:MaxRevocationShare=0", "Sync:MaxRevocationShare=1", "Sync:MaxRevocations=0")]
    [InlineData("Http:MaxRetries=20", "Http:RateLimitReserve=0.5", "Http:MaxPagesPerListing=1")]
    [InlineData("Http:MaxRetries=1", "Http:MaxResponseBytes=1073741824", "Sync:LeaseDuration=1.00:00:00")]
    [InlineData("Http:MaxResponseBytes=1048576", "Http:BaseDelay=00:01:00", "Http:AttemptTimeout=00:10:00")]
    [InlineData("Sync:LeaseDuration=00:00:01", "Http:RetryBudgetPerRun=0", "Http:RateLimitReserve=0")]
    public async Task Values_on_the_bounds_are_accepted(string first, string second, string third)
    {
        // One other mistake stops the run after validation, so the only problem reported must be that one.
        var (_, _, errors) = await RunAsync("run", "--set", first, "--set", second, "--set", third, "--set", "Sync:WriteConcurrency=0");
        Assert.Contains("Configuration is not valid (1 problem); nothing was called:", errors);
        Assert.Contains("Sync:WriteConcurrency (0)", errors);
    }

    [Theory]
    [InlineData("https://acme.okta.com/admin", "the path /admin")]
    [InlineData("https://acme.okta.com/oauth2/default", "the path /oauth2/default")]
    [InlineData("https://acme.okta.com/?x=1", "the query ?x=1")]
    [InlineData("https://acme.okta.com/#top", "the fragment #top")]
    public async Task An_okta_org_url_with_more_than_the_origin_is_refused(string orgUrl, string extra)
    {
        await AssertRefusedAsync($"Okta:OrgUrl must be the org's origin only, e.g. https://acme.okta.com (no path); '{orgUrl}' has {extra}.", "run", "--set", $"Okta:OrgUrl={orgUrl}");
    }

    [Theory]
    [InlineData("https://acme.okta.com")]
    [InlineData("https://acme.okta.com/")]
    [InlineData("https://acme-admin.okta.com")]
    [InlineData("https://login.example.com:8443")]
    public async Task An_okta_origin_is_accepted(string orgUrl)
    {
        var (_, _, errors) = await RunAsync("run", "--set", $"Okta:OrgUrl={orgUrl}", "--set", "Sync:WriteConcurrency=0");
        Assert.Contains("Configuration is not valid (1 problem); nothing was called:", errors);
        Assert.Contains("Sync:WriteConcurrency (0)", errors);
    }

    [Theory]
    [InlineData("https://slack.com/")]
    [InlineData("https://slack.com/api/admin.roles.listAssignments")]
    [InlineData("https://slack.com/api/?x=1")]
    public async Task A_slack_api_base_url_not_ending_in_api_is_refused(string baseUrl)
    {
        await AssertRefusedAsync($"Slack:ApiBaseUrl '{baseUrl}' must be the Web API's address ending in /api/, with no query or fragment, e.g. https://slack.com/api/.", "run", "--set", $"Slack:ApiBaseUrl={baseUrl}");
    }

    [Theory]
    [InlineData("https://slack.com/api/")]
    [InlineData("https://slack.com/api")]
    [InlineData("http://127.0.0.1:5000/slack/api/")]
    public async Task A_slack_api_base_url_ending_in_api_is_accepted(string baseUrl)
    {
        var (_, _, errors) = await RunAsync("run", "--set", $"Slack:ApiBaseUrl={baseUrl}", "--set", "Sync:WriteConcurrency=0");
        Assert.Contains("Configuration is not valid (1 problem); nothing was called:", errors);
        Assert.Contains("Sync:WriteConcurrency (0)", errors);
    }

    [Fact]
    public async Task A_url_with_a_user_name_or_password_is_refused_without_repeating_it()
    {
        var errors = await AssertRefusedAsync("Okta:OrgUrl carries a user name or password before the host (value not shown)", "run", "--set", $"Okta:OrgUrl=https://admin:{OktaToken}@acme.okta.com");
        Assert.DoesNotContain("admin:", errors);
    }

    [Theory]
    [InlineData("Slack:Token", "xoxp-test-secret-slack-0001\n")]
    [InlineData("Okta:ApiToken", "00test-secret-okta-token-0001\r\n")]
    [InlineData("Okta:ApiToken", "  00test-secret-okta-token-0001\t")]
    public async Task A_token_with_whitespace_around_it_is_trimmed_with_a_notice_naming_the_setting(string setting, string value)
    {
        // Only the other mistake stops the run: the trimmed token itself passes validation.
        var (code, _, errors) = await RunAsync("run", "--set", $"{setting}={value}", "--set", "Sync:WriteConcurrency=0");
        Assert.Equal(CommandLineApp.UsageError, code);
        Assert.Contains($"Notice: {setting} had whitespace around it (such as the newline at the end of a secret file); it was trimmed.", errors);
        Assert.Contains("Configuration is not valid (1 problem); nothing was called:", errors);
        Assert.DoesNotContain(value.Trim(), errors);
    }

    [Theory]
    [InlineData("Slack:Token", "xoxp-test-secret slack-0001")]
    [InlineData("Okta:ApiToken", "00test-secret-okta\ntoken-0001\n")]
    [InlineData("Okta:AccessToken", "eyJ-test-secret\teyJ")]
    public async Task A_token_with_whitespace_inside_it_is_refused_without_repeating_it(string setting, string value)
    {
        var args = new List<string> { "run", "--set", $"{setting}={value}" };
        if (setting == "Okta:AccessToken")
        {
            args.AddRange(["--set", "Okta:ApiToken="]);
        }

        var errors = await AssertRefusedAsync($"{setting} has whitespace inside it (value not shown); a token is one unbroken string, so check that the secret holds only the token, on one line.", [.. args]);
        Assert.DoesNotContain("test-secret", errors);
    }

    [Fact]
    public async Task A_trimmed_token_is_what_the_sync_sends()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Slack:Token"] = sandbox.Host.Tokens.SlackUserToken + "\n";
        cli.Overrides["Okta:ApiToken"] = " " + sandbox.Host.Tokens.OktaApiToken + "\r\n";

        var (code, _, errors) = await cli.RunAsync("run");

        Assert.Equal(0, code);
        Assert.Contains("Notice: Slack:Token had whitespace around it", errors);
        Assert.Contains("Notice: Okta:ApiToken had whitespace around it", errors);
        Assert.DoesNotContain(sandbox.Host.Tokens.SlackUserToken, errors);
        Assert.DoesNotContain(sandbox.Host.Tokens.OktaApiToken, errors);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Not worth failing a test over.
        }
    }
}
