using System.Text.Json;
using System.Text.Json.Nodes;

namespace SlackOigSync.Sandbox.Infrastructure;

/// <summary>
/// The Block Kit rules Slack enforces that a client can get wrong in the blocks an alert uses: at most 50 blocks, each an
/// object of a known type; header: plain_text of 1–150 characters; section: text (1–3,000) and/or 1–10 fields (each at
/// most 2,000); context: 1–10 elements. Slack checks every block type in depth; the sandbox checks these three and
/// takes the other known types (divider, image, actions, rich_text, …) on trust: looser than Slack.
/// </summary>
public static class BlockKitCheck
{
    private static readonly HashSet<string> KnownTypes = new(StringComparer.Ordinal)
    {
        "header", "section", "context", "divider", "image", "actions", "rich_text", "input", "file", "video", "markdown",
    };

    /// <summary>Why the blocks are not valid Block Kit, or null when they pass.</summary>
    public static string? Problem(JsonNode? blocks)
    {
        if (blocks is not JsonArray array)
        {
            return "blocks must be an array";
        }

        if (array.Count > 50)
        {
            return "no more than 50 items allowed [json-pointer:/blocks]";
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (BlockProblem(array[i]) is { } problem)
            {
                return $"{problem} [json-pointer:/blocks/{i}]";
            }
        }

        return null;
    }

    private static string? BlockProblem(JsonNode? block)
    {
        if (block is not JsonObject o || Text(o["type"]) is not { } type || !KnownTypes.Contains(type))
        {
            return "unsupported type or not an object";
        }

        return type switch
        {
            "header" => TextObjectProblem(o["text"], 150, plainOnly: true),
            "section" when o["text"] is null && o["fields"] is null => "must provide text or fields",
            "section" => (o["text"] is null ? null : TextObjectProblem(o["text"], 3000, plainOnly: false)) ?? (o["fields"] is null ? null : FieldsProblem(o["fields"])),
            "context" => o["elements"] is JsonArray { Count: >= 1 and <= 10 } elements
                ? elements.Select(e => e is JsonObject { } element && Text(element["type"]) == "image" ? null : TextObjectProblem(e, 3000, plainOnly: false)).FirstOrDefault(p => p is not null)
                : "elements must have 1 to 10 items",
            _ => null,
        };
    }

    private static string? FieldsProblem(JsonNode? fields) =>
        fields is JsonArray { Count: >= 1 and <= 10 } array
            ? array.Select(f => TextObjectProblem(f, 2000, plainOnly: false)).FirstOrDefault(p => p is not null)
            : "fields must have 1 to 10 items";

    private static string? TextObjectProblem(JsonNode? node, int maxLength, bool plainOnly)
    {
        if (node is not JsonObject text || Text(text["type"]) is not ("plain_text" or "mrkdwn") || (plainOnly && Text(text["type"]) != "plain_text"))
        {
            return plainOnly ? "must be a plain_text text object" : "must be a plain_text or mrkdwn text object";
        }

        return Text(text["text"]) switch
        {
            null or "" => "text must not be empty",
            { Length: var length } when length > maxLength => $"must be less than {maxLength + 1} characters",
            _ => null,
        };
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
