using System.Text.Json.Nodes;
using SlackOigSync.Alerts;
using SlackOigSync.Http;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sync;
using SlackOigSync.Storage;

namespace SlackOigSync.Tests.Alerts;

/// <summary>The alert's Block Kit, read as Slack reads it: header, counts, cause, execution id, the show command.</summary>
public sealed class AlertComposerTests
{
    private const string Id = "slack-sync-5d0c7c1e-0000-4000-8000-000000000001-20261123T020000Z";

    internal static SyncResult Result(RunStatus status, string? error = null, int unresolved = 0, int kept = 0) => new()
    {
        ExecutionId = Id,
        Status = status,
        Added = 2,
        Removed = 1,
        Failed = 3,
        ErrorMessage = error,
        Plan = new SyncPlan([], [], [], [], []) { Kept = [.. Enumerable.Range(0, kept).Select(i => new KeptGrant($"00u{i}", "Rl0L", $"U{i}", null, "unresolved"))] },
        Resolution = new UserResolution(
            new Dictionary<string, ResolvedUser>(),
            [.. Enumerable.Range(0, unresolved).Select(i => new UnresolvedUser($"U0NOBODY00{i}", $"nobody{i}@example.com", UnresolvedReason.NotInOkta, "no Okta user"))],
            [], [], [], 0),
    };

    [Fact]
    public void A_failed_run_reads_as_header_counts_cause_execution_id_and_show_command()
    {
        var message = AlertComposer.Compose(Result(RunStatus.Failed, "Slack admin.roles.listAssignments failed (HTTP 200, invalid_auth): the Slack token was refused.", unresolved: 4, kept: 5), [AlertReason.Status]);
        var blocks = message.Blocks;

        Assert.Null(BlockKitCheck.Problem(blocks));
        Assert.Equal(["header", "section", "section", "section", "context"], blocks.Select(b => (string)b!["type"]!));
        Assert.Equal(":x: slack-oig-sync run FAILED", (string)blocks[0]!["text"]!["text"]!);
        Assert.Equal("plain_text", (string)blocks[0]!["text"]!["type"]!);
        Assert.Equal(
            ["*Added*\n2", "*Removed*\n1", "*Failed*\n3", "*Kept (identity unresolved)*\n5", "*Not in Okta*\n4"],
            blocks[1]!["fields"]!.AsArray().Select(f => (string)f!["text"]!));
        Assert.Equal("*Cause*\nSlack admin.roles.listAssignments failed (HTTP 200, invalid_auth): the Slack token was refused.", (string)blocks[2]!["text"]!["text"]!);
        Assert.Equal($"*Execution* `{Id}`\nEvery change and its error: `show {Id}`", (string)blocks[3]!["text"]!["text"]!);
        Assert.Equal("Posted because the run ended FAILED (Alerts:On).", (string)blocks[4]!["elements"]![0]!["text"]!);
        Assert.StartsWith("slack-oig-sync run FAILED: 2 added, 1 removed, 3 failed, 5 kept, 4 not in Okta. Cause: Slack admin.roles", message.Text);
        Assert.EndsWith($"Details: show {Id}", message.Text);
    }

    [Fact]
    public void The_payload_names_the_channel_only_for_chat_post_message()
    {
        var message = AlertComposer.Compose(Result(RunStatus.Blocked), [AlertReason.Status]);

        Assert.Equal(["text", "blocks"], message.ToPayload().Select(p => p.Key));
        Assert.Equal(["channel", "text", "blocks"], message.ToPayload("C0ALERTS001").Select(p => p.Key));
        Assert.Equal("C0ALERTS001", (string)message.ToPayload("C0ALERTS001")["channel"]!);
        Assert.Equal("*Cause*\nnone recorded", (string)message.Blocks[2]!["text"]!["text"]!);
    }

    [Fact]
    public void A_cause_from_outside_is_scrubbed_escaped_and_bounded_so_it_neither_leaks_a_token_nor_pings_a_channel()
    {
        SecretScrubber.Remember("00composer-okta-secret-0001");
        var hostile = "gateway said <!channel> & token xoxp-1234-leaked, key 00composer-okta-secret-0001 " + new string('&', 3000);

        var message = AlertComposer.Compose(Result(RunStatus.Partial, hostile), [AlertReason.Status, AlertReason.Revocation, AlertReason.UnresolvedHolders]);
        var json = message.ToPayload().ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        Assert.DoesNotContain("00composer-okta-secret-0001", json);
        Assert.DoesNotContain("xoxp-1234-leaked", json);
        Assert.DoesNotContain("<!channel>", json);
        Assert.Contains("&lt;!channel&gt; &amp;", (string)message.Blocks[2]!["text"]!["text"]!);
        Assert.DoesNotContain("<!channel>", message.Text);
        Assert.Null(BlockKitCheck.Problem(message.Blocks));
        Assert.EndsWith("&amp;…", (string)message.Blocks[2]!["text"]!["text"]!);
        Assert.Equal(
            "Posted because the run ended PARTIAL (Alerts:On); 1 grant(s) were revoked (Alerts:OnRevocation); 0 Slack role holder(s) could not be matched to an Okta user (Alerts:OnUnresolvedHolders).",
            (string)message.Blocks[4]!["elements"]![0]!["text"]!);
    }

    [Theory]
    [InlineData("ab&cd", 10, "ab&amp;cd")]
    [InlineData("abcdef&gh", 9, "abcdef…")] // "abcdef&am" would split the entity: cut before it
    [InlineData("<<", 9, "&lt;&lt;")]
    public void Escaping_within_a_limit_never_splits_an_entity(string text, int max, string expected) =>
        Assert.Equal(expected, AlertComposer.EscapeWithin(text, max));

    [Fact]
    public void Every_status_has_its_own_header() =>
        Assert.Equal(
            [":white_check_mark: slack-oig-sync run SUCCESS", ":x: slack-oig-sync run FAILED", ":warning: slack-oig-sync run PARTIAL", ":no_entry: slack-oig-sync run BLOCKED"],
            RunStatusExtensions.Ended.Select(s => (string)AlertComposer.Compose(Result(s), [AlertReason.Status]).Blocks[0]!["text"]!["text"]!));
}
