using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using SlackOigSync.Sandbox.Seed;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Alerts;

/// <summary>
/// A whole run through the real command line, then what Slack received (GET /_sandbox/slack/messages) and what the
/// database recorded (sync_alert): one message for a run that calls for it, none otherwise, and an alert that cannot
/// be sent changes nothing about the run.
/// </summary>
public sealed class AlertRunTests
{
    private const string HookPath = "T0SANDBOX01/B0ALERTS01/hooksecret0123456789abcdef";

    [Fact]
    public async Task A_failed_run_posts_one_webhook_message_with_its_status_execution_id_and_show_command_and_no_secret()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Slack:Token"] = "xoxp-revoked-or-mistyped-0001";
        var hookFile = Path.Combine(cli.Directory, "webhook-url");
        await File.WriteAllTextAsync(hookFile, new Uri(sandbox.Host.SlackWebhooksBaseUrl, HookPath) + "\n"); // as a mounted secret
        cli.Overrides["Alerts:SlackWebhookUrlFile"] = hookFile;

        var (code, output, errors) = await cli.RunAsync("run");

        Assert.Equal(1, code);
        var id = LastExecutionId(cli);
        var message = Assert.Single(await MessagesAsync(sandbox));
        Assert.Equal(("webhook", HookPath), ((string)message["via"]!, (string)message["hook"]!));
        var posted = Posted(message);
        Assert.Contains("slack-oig-sync run FAILED", posted);
        Assert.Contains("invalid_auth", posted);
        Assert.Contains($"`show {id}`", posted);
        foreach (var secret in Secrets(sandbox, cli))
        {
            Assert.DoesNotContain(secret, posted);
            Assert.DoesNotContain(secret, output + errors);
        }

        Assert.Contains("Alert posted to Slack.", output);
        Assert.Equal([("WEBHOOK", "STATUS", "SENT", (string?)null)], Alerts(cli, id));
    }

    [Fact]
    public async Task A_successful_run_posts_nothing_and_records_no_alert()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Alerts:SlackWebhookUrl"] = new Uri(sandbox.Host.SlackWebhooksBaseUrl, HookPath).ToString();

        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(0, code);
        Assert.Empty(await MessagesAsync(sandbox));
        Assert.Empty(Alerts(cli, LastExecutionId(cli)));
        Assert.DoesNotContain("Alert", output);
        Assert.False(sandbox.Host.Traffic.Requests.ContainsKey("slack:webhook"));
    }

    [Fact]
    public async Task A_partial_run_posts_through_chat_post_message_with_the_bot_token_in_the_channel()
    {
        await using var sandbox = await TestSandbox.StartAsync(WithInactiveGrant());
        sandbox.Change(s => s.ListGrantsOfEveryStatus = true);
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Alerts:SlackBotToken"] = sandbox.Host.Tokens.SlackAlertBotToken;
        cli.Overrides["Alerts:SlackChannel"] = "#iam-alerts";

        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(3, code);
        var message = Assert.Single(await MessagesAsync(sandbox));
        Assert.Equal(("chat.postMessage", "#iam-alerts"), ((string)message["via"]!, (string)message["channel"]!));
        Assert.Equal(":warning: slack-oig-sync run PARTIAL", (string)message["blocks"]![0]!["text"]!["text"]!);
        Assert.Contains($"show {LastExecutionId(cli)}", Posted(message));
        Assert.DoesNotContain(sandbox.Host.Tokens.SlackAlertBotToken, Posted(message) + output);
        Assert.Equal([("CHAT_POST_MESSAGE", "STATUS", "SENT", (string?)null)], Alerts(cli, LastExecutionId(cli)));
    }

    [Fact]
    public async Task A_removed_webhook_is_logged_and_recorded_and_the_run_keeps_its_status_and_exit_code()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Alerts:SlackWebhookUrl"] = new Uri(sandbox.Host.SlackWebhooksBaseUrl, HookPath).ToString();
        cli.Overrides["Alerts:On"] = "Success"; // so that a run with nothing wrong still calls for an alert
        (await sandbox.Http.DeleteAsync($"_sandbox/slack/webhooks/{HookPath}")).EnsureSuccessStatusCode();

        var (code, output, errors) = await cli.RunAsync("run");

        Assert.Equal(0, code);
        Assert.Empty(await MessagesAsync(sandbox));
        const string Sentence = "The Slack alert was not sent (incoming webhook, HTTP 404, no_service): the incoming webhook no longer exists (removed, or its app uninstalled) or its channel is gone; create a new one and set Alerts:SlackWebhookUrl.";
        Assert.Contains(Sentence, output);
        Assert.DoesNotContain("hooksecret", output + errors);
        var id = LastExecutionId(cli);
        Assert.Equal([("WEBHOOK", "STATUS", "FAILED", Sentence)], Alerts(cli, id));
        Assert.Equal(("SUCCESS", 0L), Run(cli, id));
    }

    [Fact]
    public async Task An_unreachable_webhook_is_recorded_and_a_failed_run_still_exits_1()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Slack:Token"] = "xoxp-revoked-or-mistyped-0002";
        cli.Overrides["Alerts:SlackWebhookUrl"] = "http://127.0.0.1:9/services/T0/B0/unreachable-secret-0001"; // the discard port: nothing listens

        var (code, output, errors) = await cli.RunAsync("run");

        Assert.Equal(1, code);
        var id = LastExecutionId(cli);
        var (transport, reasons, outcome, error) = Assert.Single(Alerts(cli, id));
        Assert.Equal(("WEBHOOK", "STATUS", "FAILED"), (transport, reasons, outcome));
        Assert.StartsWith("The Slack alert was not sent (incoming webhook, no response): could not reach 127.0.0.1 (", error);
        Assert.Contains(error!, output);
        Assert.DoesNotContain("unreachable-secret-0001", output + errors + error);
        Assert.Equal(("FAILED", 1L), Run(cli, id));
    }

    [Fact]
    public async Task A_bot_token_without_chat_write_is_recorded_with_the_fix()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Slack:Token"] = "xoxp-revoked-or-mistyped-0003";
        cli.Overrides["Alerts:SlackBotToken"] = sandbox.Host.Tokens.SlackBotToken; // users:read only
        cli.Overrides["Alerts:SlackChannel"] = "C0ALERTS001";

        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(1, code);
        Assert.Contains("The Slack alert was not sent (chat.postMessage, HTTP 200, missing_scope): Alerts:SlackBotToken lacks the chat:write scope; add it to the app's bot token scopes and reinstall the app.", output);
        Assert.Equal("FAILED", Assert.Single(Alerts(cli, LastExecutionId(cli))).Outcome);
    }

    internal static async Task<List<JsonNode>> MessagesAsync(TestSandbox sandbox) =>
        [.. JsonNode.Parse(await sandbox.Http.GetStringAsync("_sandbox/slack/messages"))!["messages"]!.AsArray().Select(m => m!)];

    /// <summary>What a reader of the channel sees: the text and every block, as JSON that escapes nothing a secret may hold.</summary>
    private static string Posted(JsonNode message) =>
        (string?)message["text"] + message["blocks"]!.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static IEnumerable<string> Secrets(TestSandbox sandbox, SyncCli cli) =>
    [
        cli.Overrides["Slack:Token"]!, sandbox.Host.Tokens.SlackUserToken, sandbox.Host.Tokens.OktaApiToken, sandbox.Host.Tokens.SlackAlertBotToken, "hooksecret",
    ];

    private static string LastExecutionId(SyncCli cli)
    {
        using var connection = new SqliteConnection($"Data Source={cli.DatabasePath}");
        return connection.QuerySingle<string>("SELECT execution_id FROM sync_execution_log ORDER BY rowid DESC LIMIT 1");
    }

    private static (string Status, long ExitCode) Run(SyncCli cli, string id)
    {
        using var connection = new SqliteConnection($"Data Source={cli.DatabasePath}");
        return connection.QuerySingle<(string, long)>("SELECT status, exit_code FROM sync_execution_log WHERE execution_id = @id", new { id });
    }

    private static List<(string Transport, string Reasons, string Outcome, string? Error)> Alerts(SyncCli cli, string id)
    {
        using var connection = new SqliteConnection($"Data Source={cli.DatabasePath}");
        return [.. connection.Query<(string, string, string, string?)>("SELECT transport, reasons, outcome, error FROM sync_alert WHERE execution_id = @id ORDER BY id", new { id })];
    }

    /// <summary>Alice holds Audit Logs Admin in Slack, but in OIG only through an INACTIVE grant: the run ends PARTIAL.</summary>
    private static SandboxSeed WithInactiveGrant()
    {
        var seed = TestSandbox.DemoSeed();
        return seed with
        {
            Grants = [.. seed.Grants, new SeedGrant("0gg1alicenotactive01", "ENTITLEMENT", seed.SlackAppId, "00u1alice00000000001", new Dictionary<string, List<string>> { ["esp1slacksysrole0001"] = ["ent1auditlogsadmin01"] }, Status: "INACTIVE")],
        };
    }
}
