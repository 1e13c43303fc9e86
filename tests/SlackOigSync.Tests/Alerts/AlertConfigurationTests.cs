using SlackOigSync.Cli;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Alerts;

/// <summary>Alert settings that cannot work end with exit code 2 and one sentence naming the setting, before any call, never repeating a secret.</summary>
public sealed class AlertConfigurationTests
{
    private const string HookSecret = "T0CONFIG/B0CONFIG/config-hook-secret-0001";
    private const string BotSecret = "xoxb-config-bot-secret-0001";

    public static TheoryData<string, string> Mistakes => new()
    {
        { $"Alerts:SlackWebhookUrl=https://hooks.slack.com/services/{HookSecret}|Alerts:SlackBotToken={BotSecret}|Alerts:SlackChannel=#iam",
            "Alerts:SlackWebhookUrl and Alerts:SlackBotToken are both set; set one: an incoming webhook, or a bot token with Alerts:SlackChannel." },
        { $"Alerts:SlackBotToken={BotSecret}",
            "Alerts:SlackChannel is not set; with Alerts:SlackBotToken, set it to the channel to post in, by id (C…, in the channel's details) or #name, and invite the app to that channel." },
        { $"Alerts:SlackWebhookUrl=http://hooks.example.com/services/{HookSecret}",
            "Alerts:SlackWebhookUrl uses plain http to hooks.example.com; the URL is the webhook's only credential and would cross the network unencrypted: use https (plain http is allowed only for loopback addresses such as a local sandbox)." },
        { $"Alerts:SlackWebhookUrl=hooks.slack.com/services/{HookSecret}",
            "Alerts:SlackWebhookUrl is not an absolute https URL (value not shown: it is a secret); copy it from the Slack app's Incoming Webhooks page, e.g. https://hooks.slack.com/services/T…/B…/…." },
        { "Alerts:SlackBotToken=xoxp-config-user-secret-0001|Alerts:SlackChannel=C0ALERTS001",
            "Alerts:SlackBotToken is not a bot token (value not shown): use the bot token (xoxb-…) of a Slack app with the chat:write scope, never Slack:Token, the admin user token." },
        { $"Alerts:SlackWebhookUrl=https://hooks.slack.com/services/{HookSecret}|Alerts:SlackChannel=#iam",
            "Alerts:SlackChannel is set with Alerts:SlackWebhookUrl, but an incoming webhook posts only to the channel it was created for; remove Alerts:SlackChannel, or use Alerts:SlackBotToken instead of the webhook." },
        { $"Alerts:SlackBotToken={BotSecret}|Alerts:SlackChannel=iam alerts",
            "Alerts:SlackChannel 'iam alerts' is not a channel; give one channel's id (e.g. C0123456789) or its name (e.g. #iam-alerts), without spaces." },
        { $"Alerts:SlackWebhookUrl=https://hooks.slack.com/services/{HookSecret}|Alerts:On=Failed,Sucess",
            "Alerts:On 'Failed,Sucess' has 'Sucess', which is not a run status; list any of Success, Failed, Partial, Blocked separated by commas, e.g. Failed,Partial,Blocked (the default), or None." },
        { "Alerts:OnRevocation=true",
            "Alerts:OnRevocation is true, but neither Alerts:SlackWebhookUrl nor Alerts:SlackBotToken is set, so no alert can be posted; set one, or remove Alerts:OnRevocation." },
        { "Alerts:OnUnresolvedHolders=yes",
            "Alerts:OnUnresolvedHolders 'yes' is not true or false; set true or false." },
        { $"Alerts:SlackBotToken={BotSecret}|Alerts:SlackBotTokenFile=/run/secrets/bot|Alerts:SlackChannel=C0ALERTS001",
            "Alerts:SlackBotToken and Alerts:SlackBotTokenFile are both set; set only one (the file, for a mounted secret)." },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_mistake_in_the_alerts_section_is_refused_before_any_call(string settings, string expected)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        foreach (var setting in settings.Split('|'))
        {
            var equals = setting.IndexOf('=', StringComparison.Ordinal);
            cli.Overrides[setting[..equals]] = setting[(equals + 1)..];
        }

        var (code, output, errors) = await cli.RunAsync("run");

        Assert.True(code == CommandLineApp.UsageError, $"exit code {code}; stderr: {errors}");
        Assert.Contains($"  - {expected}\n", errors.ReplaceLineEndings("\n"));
        Assert.Empty(sandbox.Host.Traffic.Requests);
        Assert.DoesNotContain("config-hook-secret", output + errors);
        Assert.DoesNotContain("secret-0001", output + errors);
    }

    [Fact]
    public async Task Without_a_webhook_or_a_bot_token_alerts_are_off_and_the_run_is_unchanged()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Alerts:On"] = "Success,Failed";

        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(0, code);
        Assert.DoesNotContain("Alert", output);
        Assert.Empty(await AlertRunTests.MessagesAsync(sandbox));
    }
}
