using System.Text;
using System.Text.Json;

namespace SlackOigSync.Cli;

/// <summary>
/// RFC 4180 CSV (CRLF line ends, a header row, fields quoted when they hold a comma, a quote or a line break) from
/// the same JSON objects the json format prints, so both formats share their column names and order.
/// </summary>
public static class CsvText
{
    public static string FromJsonArray(string json, IReadOnlyList<string> columns)
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', columns.Select(Field))).Append("\r\n");
        using var document = JsonDocument.Parse(json);
        foreach (var row in document.RootElement.EnumerateArray())
        {
            text.Append(string.Join(',', columns.Select(c => Field(row.TryGetProperty(c, out var value) ? Cell(value) : string.Empty)))).Append("\r\n");
        }

        return text.ToString();
    }

    /// <summary>The names of an array's object properties, in order, for a header even when the array is empty.</summary>
    public static IReadOnlyList<string> Columns(string sampleObjectJson)
    {
        using var document = JsonDocument.Parse(sampleObjectJson);
        return document.RootElement.EnumerateObject().Select(p => p.Name).ToList();
    }

    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    private static string Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => string.Join(' ', value.EnumerateArray().Select(Cell)),
        _ => value.GetRawText(),
    };
}
