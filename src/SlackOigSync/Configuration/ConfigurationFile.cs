using System.Text.Json;

namespace SlackOigSync.Configuration;

/// <summary>
/// Checks the JSON configuration file before it is handed to the configuration builder, so that a broken file ends
/// with one sentence (which file, what is wrong, what to do) instead of the provider's exception.
/// </summary>
public static class ConfigurationFile
{
    private const string Shape = "one JSON object such as {\"Slack\": {…}, \"Okta\": {…}, \"Sync\": {…}} (start from the repository's config/appsettings.json)";

    /// <summary>The problem with the file at <paramref name="path"/>, or null when it is a readable JSON object.</summary>
    public static string? Check(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return Unreadable(path, e);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return $"Configuration file '{path}' is empty; it must hold {Shape}.";
        }

        try
        {
            // The same options as the JSON configuration provider: comments and trailing commas are allowed.
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var kind = document.RootElement.ValueKind;
            return kind == JsonValueKind.Object
                ? null
                : $"Configuration file '{path}' holds {Describe(kind)} at the top level; it must hold {Shape}.";
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, position {(e.BytePositionInLine ?? 0) + 1}" : string.Empty;
            return $"Configuration file '{path}' is not valid JSON{where} ({Reason(e.Message)}); fix the file so that it holds {Shape}.";
        }
    }

    /// <summary>One sentence for an exception the configuration builder threw while loading the file.</summary>
    public static string Describe(string path, Exception exception)
    {
        if (exception is IOException or UnauthorizedAccessException)
        {
            return Unreadable(path, exception);
        }

        var innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return $"Configuration file '{path}' cannot be used ({Reason(innermost.Message)}); fix the file so that it holds {Shape}.";
    }

    private static string Unreadable(string path, Exception e) =>
        $"Configuration file '{path}' cannot be read ({Reason(e.Message)}); make it readable by the user running the sync, or pass --config with another file.";

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "a JSON array",
        JsonValueKind.String => "a JSON string",
        JsonValueKind.Number => "a JSON number",
        JsonValueKind.True or JsonValueKind.False => "a JSON boolean",
        JsonValueKind.Null => "JSON null",
        _ => "no JSON object",
    };

    /// <summary>An exception message as a clause: without System.Text.Json's position suffix or a final period.</summary>
    private static string Reason(string message)
    {
        var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var reason = (position >= 0 ? message[..position] : message).Trim();
        return reason.TrimEnd('.');
    }
}
