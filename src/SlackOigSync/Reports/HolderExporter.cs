using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SlackOigSync.Reports;

/// <summary>
/// Writes role holders as CSV (RFC 4180: a header row, CRLF line ends, fields quoted when they hold a comma, a quote or
/// a line break) or as a JSON array of objects; both use the same snake_case names, in the same order, and write
/// values exactly as stored (an empty field or null where a value is unknown). Times are UTC, to the second.
/// </summary>
public static class HolderExporter
{
    public static readonly IReadOnlyList<string> Columns =
        ["slack_user_id", "email", "okta_user_id", "role_id", "role_name", "held_since", "granted_in_oig_at"];

    public static void Write(IReadOnlyList<RoleHolder> holders, ExportFormat format, TextWriter output)
    {
        switch (format)
        {
            case ExportFormat.Csv:
                WriteCsv(holders, output);
                break;
            case ExportFormat.Json:
                WriteJson(holders, output);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "unknown export format");
        }
    }

    private static IReadOnlyList<string?> Values(RoleHolder h) =>
        [h.SlackUserId, h.Email, h.OktaUserId, h.RoleId, h.RoleName, ReportText.Time(h.HeldSince), ReportText.Time(h.GrantedInOigAt)];

    private static void WriteCsv(IReadOnlyList<RoleHolder> holders, TextWriter output)
    {
        output.Write(string.Join(',', Columns) + "\r\n");
        foreach (var holder in holders)
        {
            output.Write(string.Join(',', Values(holder).Select(Field)) + "\r\n");
        }
    }

    private static string Field(string? value) =>
        value is null ? string.Empty
        : value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
        : value;

    private static void WriteJson(IReadOnlyList<RoleHolder> holders, TextWriter output)
    {
        // Relaxed escaping keeps emails and role names readable; the output is a file, never inlined into HTML.
        using var buffer = new MemoryStream();
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartArray();
        foreach (var holder in holders)
        {
            json.WriteStartObject();
            foreach (var (name, value) in Columns.Zip(Values(holder)))
            {
                if (value is null)
                {
                    json.WriteNull(name);
                }
                else
                {
                    json.WriteString(name, value);
                }
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.Flush();
        output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) + "\n");
    }
}
