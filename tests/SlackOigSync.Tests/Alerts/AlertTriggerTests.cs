using SlackOigSync.Alerts;
using SlackOigSync.Sync;
using SlackOigSync.Storage;

namespace SlackOigSync.Tests.Alerts;

/// <summary>Which runs post an alert, as rows a reader can check by eye.</summary>
public sealed class AlertTriggerTests
{
    public static TheoryData<string, RunStatus, int, int, bool, string> Rows => new()
    {
        // On,                      status,             removed, unresolved, dryRun, reasons
        { "Failed,Partial,Blocked", RunStatus.Failed,  0, 0, false, "Status" },
        { "Failed,Partial,Blocked", RunStatus.Partial, 0, 0, false, "Status" },
        { "Failed,Partial,Blocked", RunStatus.Blocked, 0, 0, false, "Status" },
        { "Failed,Partial,Blocked", RunStatus.Success, 0, 0, false, "" },
        { "failed",                 RunStatus.Blocked, 0, 0, false, "" },
        { "None",                   RunStatus.Failed,  0, 0, false, "" },
        { "",                       RunStatus.Failed,  0, 0, false, "" },
        { "Success",                RunStatus.Success, 0, 0, false, "Status" },
        { "Failed",                 RunStatus.Failed,  0, 0, true,  "" },
        { "None+revocation",        RunStatus.Success, 2, 0, false, "Revocation" },
        { "None+revocation",        RunStatus.Success, 0, 0, false, "" },
        { "None+unresolved",        RunStatus.Success, 0, 3, false, "UnresolvedHolders" },
        { "Partial+both",           RunStatus.Partial, 1, 1, false, "Status,Revocation,UnresolvedHolders" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_run_alerts_for_the_statuses_in_On_and_optionally_revocations_and_unresolved_holders(string on, RunStatus status, int removed, int unresolved, bool dryRun, string expected)
    {
        var parts = on.Split('+');
        var settings = new AlertSettings
        {
            SlackWebhookUrl = "https://hooks.slack.com/services/T0/B0/x",
            On = parts[0],
            OnRevocation = parts.Length > 1 && parts[1] is "revocation" or "both",
            OnUnresolvedHolders = parts.Length > 1 && parts[1] is "unresolved" or "both",
        };
        var result = AlertComposerTests.Result(status, unresolved: unresolved) with { Removed = removed, DryRun = dryRun };

        Assert.Equal(expected, string.Join(',', AlertTrigger.Reasons(settings, result)));
    }

    [Fact]
    public void A_role_removed_in_slack_counts_as_a_revocation_and_the_message_says_where()
    {
        var settings = new AlertSettings { SlackWebhookUrl = "https://hooks.slack.com/services/T0/B0/x", On = "None", OnRevocation = true };
        var result = AlertComposerTests.Result(RunStatus.Success) with { RemovedFromSlack = 1 };

        Assert.Equal([AlertReason.Revocation], AlertTrigger.Reasons(settings, result));
        Assert.Contains($"{result.Removed} grant(s) were revoked in OIG and 1 role assignment(s) removed in Slack (Alerts:OnRevocation)", AlertComposer.Compose(result, AlertTrigger.Reasons(settings, result)).Blocks.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public void Without_a_webhook_or_a_bot_token_nothing_alerts() =>
        Assert.Empty(AlertTrigger.Reasons(new AlertSettings { OnRevocation = true }, AlertComposerTests.Result(RunStatus.Failed)));
}
