namespace SlackOigSync.Alerts;

/// <summary>How an alert reaches Slack.</summary>
public enum AlertTransport
{
    /// <summary>An incoming webhook: POST the message to its URL; it posts in the channel it was created for.</summary>
    Webhook,

    /// <summary>chat.postMessage with a bot token, in Alerts:SlackChannel.</summary>
    ChatPostMessage,
}
