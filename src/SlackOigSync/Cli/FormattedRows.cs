using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SlackOigSync.Cli;

/// <summary>Rows written as --format asks: a JSON array, RFC 4180 CSV with the same column names, or the command's own table.</summary>
public static class FormattedRows
{
    public static void Write<T>(OutputFormat format, List<T> rows, JsonTypeInfo<List<T>> type, IReadOnlyList<string> columns, TextWriter output, Action table)
    {
        switch (format)
        {
            case OutputFormat.Json:
                output.WriteLine(JsonSerializer.Serialize(rows, type));
                break;
            case OutputFormat.Csv:
                output.Write(CsvText.FromJsonArray(JsonSerializer.Serialize(rows, type), columns));
                break;
            default:
                table();
                break;
        }
    }
}
