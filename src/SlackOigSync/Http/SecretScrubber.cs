using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace SlackOigSync.Http;

/// <summary>
/// Removes credentials from any text that came from outside (an error body, a reason phrase, an exception message)
/// before it reaches the console, the logs or the database: the configured secrets themselves, and anything that
/// looks like an Authorization value or a Slack token, so that a gateway echoing request headers leaks nothing.
/// </summary>
public static partial class SecretScrubber
{
    public const string Redacted = "[redacted]";

    // Process-wide: the secrets are known once settings are read, and exceptions are built far from any container.
    private static readonly ConcurrentDictionary<string, byte> Secrets = new(StringComparer.Ordinal);

    /// <summary>Remembers the configured secrets (empty ones and very short ones, which would garble text, are ignored).</summary>
    public static void Remember(params string?[] secrets)
    {
        foreach (var secret in secrets)
        {
            if (secret?.Trim() is { Length: >= 8 } s)
            {
                Secrets.TryAdd(s, 0);
            }
        }
    }

    public static string Scrub(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        // Longest first: a secret that contains another (a webhook URL and its path's token, say) is removed whole.
        foreach (var secret in Secrets.Keys.OrderByDescending(k => k.Length))
        {
            text = text.Replace(secret, Redacted, StringComparison.Ordinal);
        }

        text = HeaderLine().Replace(text, m => $"{m.Groups[1].Value}: {Redacted}");
        text = SchemeCredential().Replace(text, m => $"{m.Groups[1].Value} {Redacted}");
        text = SlackToken().Replace(text, Redacted);
        return Jwt().Replace(text, Redacted);
    }

    [GeneratedRegex(@"(?im)\b(authorization|proxy-authorization|cookie|set-cookie|dpop|x-api-key)\s*[:=]\s*[^\r\n<]*")]
    private static partial Regex HeaderLine();

    // Case as the schemes are written, and a credential has a digit: "basic settings" or "Bearer tokens" stay as they are.
    [GeneratedRegex(@"\b(SSWS|Bearer|bearer|DPoP|Basic)\s+(?=[A-Za-z0-9._~+/=\-]*\d)[A-Za-z0-9._~+/=\-]{6,}")]
    private static partial Regex SchemeCredential();

    [GeneratedRegex(@"\bxox[a-z]-[A-Za-z0-9\-]+")]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*")]
    private static partial Regex Jwt();
}
