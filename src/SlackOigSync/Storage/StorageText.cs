using System.Text;

namespace SlackOigSync.Storage;

/// <summary>
/// Enum members as the database spells them (UPPER_SNAKE, like the audit trail's ADD_GRANT), and back, so that a
/// SQL reader sees stable words and the code sees types.
/// </summary>
public static class StorageText
{
    public static string Of<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                text.Append('_');
            }

            text.Append(char.ToUpperInvariant(name[i]));
        }

        return text.ToString();
    }

    public static T Parse<T>(string text)
        where T : struct, Enum =>
        Enum.Parse<T>(text.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true);
}
