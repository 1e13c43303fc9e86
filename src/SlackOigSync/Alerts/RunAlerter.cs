using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SlackOigSync.Http;
using SlackOigSync.Storage;
using SlackOigSync.Sync;

namespace SlackOigSync.Alerts;

/// <summary>
/// After a run has closed: decides whether it deserves an alert, posts it, logs and records how it went. Nothing here
/// changes the run: its status, its exit code and its execution log row are final before this starts, and no failure
/// (Slack's, the network's or the database's) escapes.
/// </summary>
public sealed class RunAlerter(AlertSettings settings, SlackAlertSender sender, AlertRepository alerts, TimeProvider clock, ILogger<RunAlerter> logger)
{
    /// <summary>The alert's fate, or null when the run called for none.</summary>
    /// <param name="cancellationToken">Ignored once the run is over: a run stopped by SIGTERM is exactly the one to hear of, and the post is bounded by its own timeout.</param>
    public async Task<AlertDelivery?> AlertAsync(SyncResult result, CancellationToken cancellationToken = default)
    {
        _ = cancellationToken;
        var reasons = AlertTrigger.Reasons(settings, result);
        if (reasons.Count == 0)
        {
            return null;
        }

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["ExecutionId"] = result.ExecutionId });
        var attemptedAt = clock.GetUtcNow();
        AlertDelivery delivery;
        try
        {
            delivery = await sender.SendAsync(AlertComposer.Compose(result, reasons), CancellationToken.None);
        }
        catch (Exception e)
        {
            // The sender turns Slack's and the network's failures into deliveries; whatever else happens must still not
            // reach the run's exit code. Its message is scrubbed: it may quote the request.
            delivery = AlertDelivery.Failed(sender.Transport, SecretScrubber.Scrub($"The Slack alert was not sent (unexpected {e.GetType().Name}: {e.Message.TrimEnd('.')})."));
        }

        if (delivery.Outcome == AlertOutcome.Sent)
        {
            logger.LogInformation("Alert posted to Slack through {Transport}", delivery.Transport == AlertTransport.Webhook ? "the incoming webhook" : "chat.postMessage");
        }
        else
        {
            // One sentence, as recorded; the run's own status was logged when it closed and stays what it was.
            logger.LogWarning("{Error}", delivery.Error);
        }

        try
        {
            alerts.Append(new AlertRecord
            {
                ExecutionId = result.ExecutionId,
                AttemptedAt = attemptedAt,
                Transport = delivery.Transport,
                Reasons = reasons,
                Outcome = delivery.Outcome,
                Error = delivery.Error,
            });
        }
        catch (Exception e) when (e is SqliteException or StorageException)
        {
            logger.LogWarning("The alert's outcome could not be recorded in the database: {Error}", StorageException.Of(e, alerts.DatabasePath).Message);
        }

        return delivery;
    }
}
