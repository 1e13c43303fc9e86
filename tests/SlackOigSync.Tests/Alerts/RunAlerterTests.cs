using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using SlackOigSync.Alerts;
using SlackOigSync.Configuration;
using SlackOigSync.Http;
using SlackOigSync.Storage;
using SlackOigSync.Sync;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Alerts;

/// <summary>The alerter with a stub Slack: what it logs, what it records, and that nothing escapes it.</summary>
public sealed class RunAlerterTests : IDisposable
{
    private const string Hook = "https://hooks.slack.com/services/T0ALERTS/B0ALERTS/alerter-hook-secret-0001";
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"slack-oig-sync-alerter-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task A_refused_alert_is_one_warning_sentence_and_one_failed_row_without_the_webhook_url()
    {
        var database = Migrated();
        var (alerter, logger, requests) = Alerter(database, _ => Answer(HttpStatusCode.Forbidden, "action_prohibited"));
        var result = AlertComposerTests.Result(RunStatus.Blocked) with { ExecutionId = "slack-sync-alerter-1" };

        var delivery = await alerter.AlertAsync(result);

        Assert.Equal(AlertOutcome.Failed, delivery!.Outcome);
        var request = Assert.Single(requests);
        Assert.Equal((HttpMethod.Post, new Uri(Hook)), (request.Method, request.RequestUri));
        var (level, text) = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Equal("The Slack alert was not sent (incoming webhook, HTTP 403, action_prohibited): the workspace restricts posting through this webhook; ask a Slack admin to allow it.", text);
        var row = Assert.Single(new AlertRepository(database).ForExecution("slack-sync-alerter-1"));
        Assert.Equal((AlertTransport.Webhook, AlertOutcome.Failed), (row.Transport, row.Outcome));
        Assert.Equal([AlertReason.Status], row.Reasons);
        Assert.DoesNotContain("alerter-hook-secret", row.Error);
    }

    [Fact]
    public async Task A_database_that_cannot_record_the_alert_is_logged_and_nothing_escapes()
    {
        var database = new SyncDatabase(_path); // never migrated: no sync_alert table
        var (alerter, logger, _) = Alerter(database, _ => Answer(HttpStatusCode.OK, "ok"));

        var delivery = await alerter.AlertAsync(AlertComposerTests.Result(RunStatus.Failed));

        Assert.Equal(AlertOutcome.Sent, delivery!.Outcome);
        Assert.Equal([LogLevel.Information, LogLevel.Warning], logger.Entries.Select(e => e.Level));
        Assert.Equal("Alert posted to Slack through the incoming webhook", logger.Entries[0].Text);
        Assert.StartsWith("The alert's outcome could not be recorded in the database: ", logger.Entries[1].Text);
        Assert.Contains("sync_alert", logger.Entries[1].Text);
    }

    [Fact]
    public async Task An_unexpected_failure_while_sending_is_recorded_and_never_thrown()
    {
        var database = Migrated();
        var (alerter, logger, _) = Alerter(database, _ => throw new InvalidOperationException($"handler broke on {Hook}"));

        var delivery = await alerter.AlertAsync(AlertComposerTests.Result(RunStatus.Failed));

        Assert.Equal(AlertOutcome.Failed, delivery!.Outcome);
        Assert.Equal("The Slack alert was not sent (unexpected InvalidOperationException: handler broke on [redacted]).", delivery.Error);
        Assert.Equal(delivery.Error, Assert.Single(logger.Entries).Text);
        Assert.Equal(AlertOutcome.Failed, Assert.Single(new AlertRepository(database).ForExecution(AlertComposerTests.Result(RunStatus.Failed).ExecutionId)).Outcome);
    }

    [Fact]
    public async Task A_run_that_calls_for_no_alert_sends_nothing()
    {
        var (alerter, logger, requests) = Alerter(Migrated(), _ => throw new InvalidOperationException("no call expected"));

        Assert.Null(await alerter.AlertAsync(AlertComposerTests.Result(RunStatus.Success)));
        Assert.Null(await alerter.AlertAsync(AlertComposerTests.Result(RunStatus.Failed) with { DryRun = true }));
        Assert.Empty(requests);
        Assert.Empty(logger.Entries);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, """{"ok":false,"error":"not_in_channel"}""", "HTTP 200, not_in_channel): the bot is not a member of Alerts:SlackChannel '#iam-alerts'; invite the app to it (/invite @app-name).")]
    [InlineData(HttpStatusCode.OK, """{"ok":false,"error":"channel_not_found"}""", "HTTP 200, channel_not_found): Alerts:SlackChannel '#iam-alerts' is not a channel the bot can see;")]
    [InlineData(HttpStatusCode.OK, """{"ok":false,"error":"invalid_auth"}""", "HTTP 200, invalid_auth): Alerts:SlackBotToken was refused;")]
    [InlineData(HttpStatusCode.OK, "<html>proxy</html>", "HTTP 200, not_json): Slack's answer was not JSON")]
    [InlineData(HttpStatusCode.TooManyRequests, """{"ok":false,"error":"ratelimited"}""", "HTTP 429, ratelimited): Slack is rate-limiting the bot;")]
    [InlineData(HttpStatusCode.Found, "", "HTTP 302, redirect): Slack answered with a redirect to evil.example, which is not followed;")]
    public async Task Chat_post_message_refusals_say_what_to_fix(HttpStatusCode status, string body, string expected)
    {
        var settings = Settings(new AlertSettings { SlackBotToken = "xoxb-alerter-bot-secret-0001", SlackChannel = "#iam-alerts" });
        var requests = new List<HttpRequestMessage>();
        var sender = new SlackAlertSender(new HttpClient(new StubHandler(r =>
        {
            requests.Add(r);
            var answer = Answer(status, body, "application/json");
            answer.Headers.Location = status == HttpStatusCode.Found ? new Uri("https://evil.example/steal?x=1") : null;
            return answer;
        })), settings);

        var delivery = await sender.SendAsync(AlertComposer.Compose(AlertComposerTests.Result(RunStatus.Failed), [AlertReason.Status]), CancellationToken.None);

        Assert.StartsWith("The Slack alert was not sent (chat.postMessage, " + expected, delivery.Error);
        var request = Assert.Single(requests);
        Assert.Equal(("https://slack.com/api/chat.postMessage", "Bearer"), (request.RequestUri!.ToString(), request.Headers.Authorization!.Scheme));
        Assert.DoesNotContain("xoxb-alerter-bot-secret-0001", delivery.Error);
    }

    private SyncDatabase Migrated()
    {
        var database = new SyncDatabase(_path);
        database.Migrate();
        new ExecutionLogRepository(database).Open("slack-sync-alerter-1", new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero), dryRun: false);
        new ExecutionLogRepository(database).Open(AlertComposerTests.Result(RunStatus.Failed).ExecutionId, new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero), dryRun: false);
        return database;
    }

    private static AppSettings Settings(AlertSettings alerts) =>
        new(new SlackSettings(), new OktaSettings(), new SyncSettings(), new ScheduleSettings(), new HttpResilienceSettings()) { Alerts = alerts };

    private static (RunAlerter Alerter, ListLogger<RunAlerter> Logger, List<HttpRequestMessage> Requests) Alerter(SyncDatabase database, Func<HttpRequestMessage, HttpResponseMessage> answer)
    {
        var settings = Settings(new AlertSettings { SlackWebhookUrl = Hook });
        SecretScrubber.Remember([.. settings.Alerts.Secrets()]);
        var requests = new List<HttpRequestMessage>();
        var sender = new SlackAlertSender(new HttpClient(new StubHandler(r =>
        {
            requests.Add(r);
            return answer(r);
        })), settings);
        var logger = new ListLogger<RunAlerter>();
        return (new RunAlerter(settings.Alerts, sender, new AlertRepository(database), TimeProvider.System, logger), logger, requests);
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, string body, string mediaType = "text/plain") =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

    public void Dispose()
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }

    private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(answer(request));
    }
}
