using System.Text.Json.Nodes;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Hosting;

/// <summary>--json-logs: stderr is CLEF, one JSON object a line, whatever writes it.</summary>
public sealed class JsonLogsTests
{
    [Fact]
    public async Task A_run_logs_one_clef_object_a_line_each_with_the_execution_id_and_unquoted_messages()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);

        var (code, output, errors) = await cli.RunAsync("run", "--json-logs");

        Assert.Equal(0, code);
        var events = Lines(errors).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.NotEmpty(events);
        var executionId = output.Split('\n').Single(l => l.StartsWith("Execution ", StringComparison.Ordinal)).Split(' ')[1].Trim();
        Assert.All(events, e =>
        {
            Assert.True(DateTimeOffset.TryParse(e["@t"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out _));
            Assert.NotNull(e["@mt"]);
            Assert.NotNull(e["@l"]);
            Assert.Equal(executionId, e["ExecutionId"]?.GetValue<string>());
        });
        var finished = events.Single(e => e["@m"]!.GetValue<string>().StartsWith("Sync finished", StringComparison.Ordinal));
        Assert.StartsWith("Sync finished SUCCESS:", finished["@m"]!.GetValue<string>());
        Assert.Equal("SUCCESS", finished["Status"]!.GetValue<string>());
        Assert.DoesNotContain(sandbox.Host.Tokens.OktaApiToken, errors);
        Assert.DoesNotContain(sandbox.Host.Tokens.SlackUserToken, errors);
    }

    [Fact]
    public async Task A_configuration_error_is_json_too()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Okta:SlackAppId"] = "not-an-app-id";

        var (code, _, errors) = await cli.RunAsync("run", "--json-logs");

        Assert.Equal(2, code);
        var events = Lines(errors).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.True(events.Count >= 2, errors);
        Assert.All(events, e => Assert.Equal("Error", e["@l"]!.GetValue<string>()));
        Assert.Contains(events, e => e["@m"]!.GetValue<string>().Contains("Okta:SlackAppId", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_json_logs_the_lines_are_text()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);

        var (_, _, errors) = await cli.RunAsync("run");

        Assert.Contains(" INF [slack-sync-", errors);
        Assert.Contains("Sync finished SUCCESS:", errors);
        Assert.DoesNotContain(Lines(errors), l => l.StartsWith('{'));
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
