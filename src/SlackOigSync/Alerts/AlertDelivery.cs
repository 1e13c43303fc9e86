namespace SlackOigSync.Alerts;

/// <summary>One alert's fate: how it went, and when it failed, one sentence saying why (never a secret).</summary>
public sealed record AlertDelivery(AlertTransport Transport, AlertOutcome Outcome, string? Error)
{
    public static AlertDelivery Sent(AlertTransport transport) => new(transport, AlertOutcome.Sent, null);

    public static AlertDelivery Failed(AlertTransport transport, string error) => new(transport, AlertOutcome.Failed, error);
}
