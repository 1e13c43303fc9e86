using System.Text;

namespace SlackOigSync.Sandbox.Endpoints;

/// <summary>Opaque cursors: a keyset position, base64url-encoded with a tag so that a cursor from one list is refused by another.</summary>
internal static class Cursor
{
    /// <summary>The key of a cursor that starts over at the first page (no stored key is empty).</summary>
    public const string FirstPage = "";

    public static string Encode(string tag, string key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{tag}|{key}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string tag, string? cursor, out string? key)
    {
        key = null;
        if (cursor is null)
        {
            return true;
        }

        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            if (!text.StartsWith(tag + "|", StringComparison.Ordinal))
            {
                return false;
            }

            key = text[(tag.Length + 1)..];
            if (key.Length == 0)
            {
                key = null;
            }

            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
