using System.Globalization;
using System.Text.Json.Nodes;
using SlackOigSync.Http;
using SlackOigSync.Storage;
using SlackOigSync.Sync;

namespace SlackOigSync.Alerts;

/// <summary>
/// Writes a finished run's alert: a header with the status, the counts, the cause, the execution id and the `show`
/// command that lists every change. Pure: no I/O. Everything that came from outside (the cause) is scrubbed of secrets
/// and escaped, so a server's error text can neither leak a token nor ping a channel with &lt;!channel&gt;.
/// </summary>
public static class AlertComposer
{
    /// <summary>Slack's limits: a header's text 150 characters, a section's 3,000; the cause, escaped, keeps well below.</summary>
    public const int MaxHeaderLength = 150;
    public const int MaxCauseLength = 2000;

    public static AlertMessage Compose(SyncResult result, IReadOnlyList<AlertReason> reasons)
    {
        var status = StorageText.Of(result.Status);
        var kept = result.Plan?.Kept.Count ?? 0;
        var notInOkta = result.Resolution?.Unresolved.Count ?? 0;
        var cause = string.IsNullOrWhiteSpace(result.ErrorMessage) ? null : SecretScrubber.Scrub(result.ErrorMessage.Trim());
        var show = $"show {result.ExecutionId}";

        var blocks = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "header",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Truncate($"{Icon(result.Status)} slack-oig-sync run {status}", MaxHeaderLength), ["emoji"] = true },
            },
            new JsonObject
            {
                ["type"] = "section",
                ["fields"] = new JsonArray
                {
                    Field("Added", result.Added),
                    Field("Removed", result.Removed),
                    Field("Failed", result.Failed),
                    Field("Kept (identity unresolved)", kept),
                    Field("Not in Okta", notInOkta),
                },
            },
            Section($"*Cause*\n{(cause is null ? "none recorded" : EscapeWithin(cause, MaxCauseLength))}"),
            Section($"*Execution* `{Escape(result.ExecutionId)}`\nEvery change and its error: `{Escape(show)}`"),
            new JsonObject
            {
                ["type"] = "context",
                ["elements"] = new JsonArray { new JsonObject { ["type"] = "mrkdwn", ["text"] = Escape(Why(result, reasons, notInOkta)) } },
            },
        };

        var text = Invariant($"slack-oig-sync run {status}: {result.Added} added, {result.Removed} removed, {result.Failed} failed, {kept} kept, {notInOkta} not in Okta. {(cause is null ? string.Empty : $"Cause: {EscapeWithin(cause, MaxCauseLength)} ")}Details: {show}");
        return new AlertMessage(text, blocks);
    }

    private static JsonObject Field(string name, int count) => new() { ["type"] = "mrkdwn", ["text"] = Invariant($"*{name}*\n{count}") };

    private static JsonObject Section(string mrkdwn) => new() { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = mrkdwn } };

    private static string Why(SyncResult result, IReadOnlyList<AlertReason> reasons, int notInOkta) =>
        "Posted because " + string.Join("; ", reasons.Select(r => r switch
        {
            AlertReason.Status => $"the run ended {StorageText.Of(result.Status)} (Alerts:On)",
            AlertReason.Revocation => result.RemovedFromSlack == 0
                ? Invariant($"{result.Removed} grant(s) were revoked (Alerts:OnRevocation)")
                : Invariant($"{result.Removed} grant(s) were revoked in OIG and {result.RemovedFromSlack} role assignment(s) removed in Slack (Alerts:OnRevocation)"),
            AlertReason.UnresolvedHolders => Invariant($"{notInOkta} Slack role holder(s) could not be matched to an Okta user (Alerts:OnUnresolvedHolders)"),
            _ => r.ToString(),
        })) + ".";

    private static string Icon(RunStatus status) => status switch
    {
        RunStatus.Success => ":white_check_mark:",
        RunStatus.Partial => ":warning:",
        RunStatus.Blocked => ":no_entry:",
        _ => ":x:",
    };

    /// <summary>Slack's three control characters in mrkdwn; escaped, "&lt;!channel&gt;" and "&lt;@U…&gt;" stay plain text.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>Escaped, then cut to <paramref name="max"/> characters without splitting an entity such as &amp;amp;.</summary>
    public static string EscapeWithin(string text, int max)
    {
        var escaped = Escape(text);
        if (escaped.Length <= max)
        {
            return escaped;
        }

        var cut = escaped[..(max - 1)];
        var amp = cut.LastIndexOf('&');
        if (amp >= 0 && cut.IndexOf(';', amp) < 0)
        {
            cut = cut[..amp];
        }

        return cut + "…";
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
