using SlackOigSync.Alerts;

namespace SlackOigSync.Storage;

/// <summary>One row of sync_alert: an alert a run tried to post, why, and how it went.</summary>
public sealed record AlertRecord
{
    public long Id { get; init; }
    public required string ExecutionId { get; init; }
    public required DateTimeOffset AttemptedAt { get; init; }
    public required AlertTransport Transport { get; init; }
    public required IReadOnlyList<AlertReason> Reasons { get; init; }
    public required AlertOutcome Outcome { get; init; }

    /// <summary>Why it was not sent: one sentence, never the webhook URL or the token.</summary>
    public string? Error { get; init; }
}
