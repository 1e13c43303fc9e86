using System.Text.Json;
using System.Text.Json.Serialization;

namespace SlackOigSync.Configuration;

/// <summary>
/// Display names of Slack system roles by role id (config/slack-roles.json). Slack's API returns ids only, and
/// Slack renames roles in its UI from time to time, so names are configuration, not code.
/// </summary>
public sealed class RoleCatalogue
{
    private readonly Dictionary<string, string> _names;

    public RoleCatalogue(IReadOnlyDictionary<string, string> names) => _names = new(names, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Names => _names;

    public bool IsKnown(string roleId) => _names.ContainsKey(roleId);

    /// <summary>The catalogue name, or a fallback that says plainly the role is not in the catalogue.</summary>
    public string NameFor(string roleId) => _names.TryGetValue(roleId, out var name) ? name : FallbackName(roleId);

    public static string FallbackName(string roleId) => $"Slack role {roleId} (not in catalogue)";

    /// <summary>Reads and checks the catalogue; problems are returned as sentences, not thrown.</summary>
    public static (RoleCatalogue? Catalogue, List<string> Problems) Load(string path)
    {
        var problems = new List<string>();
        if (!File.Exists(path))
        {
            problems.Add($"Sync:RoleCataloguePath '{path}' does not exist. Point it at a role catalogue such as config/slack-roles.json.");
            return (null, problems);
        }

        CatalogueFile? file;
        try
        {
            file = JsonSerializer.Deserialize(File.ReadAllText(path), CatalogueJsonContext.Default.CatalogueFile);
        }
        catch (JsonException e)
        {
            problems.Add($"Sync:RoleCataloguePath '{path}' is not valid JSON ({e.Message}). Expected {{\"roles\": [{{\"id\": \"Rl0L\", \"name\": \"Analytics Admin\"}}, …]}}.");
            return (null, problems);
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (role, index) in (file?.Roles ?? []).Select((r, i) => (r, i)))
        {
            if (string.IsNullOrWhiteSpace(role.Id) || string.IsNullOrWhiteSpace(role.Name))
            {
                problems.Add($"Role catalogue '{path}': entry {index} needs both \"id\" and \"name\".");
            }
            else if (!names.TryAdd(role.Id.Trim(), role.Name.Trim()))
            {
                problems.Add($"Role catalogue '{path}': role id '{role.Id}' appears more than once.");
            }
        }

        if (names.Count == 0 && problems.Count == 0)
        {
            problems.Add($"Role catalogue '{path}' lists no roles.");
        }

        foreach (var duplicate in names.GroupBy(kv => kv.Value, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"Role catalogue '{path}': the name '{duplicate.Key}' is used by {string.Join(", ", duplicate.Select(kv => kv.Key))}; names must be unique so reviewers can tell roles apart.");
        }

        return (problems.Count == 0 ? new RoleCatalogue(names) : null, problems);
    }

    internal sealed record CatalogueFile(List<CatalogueEntry> Roles);

    internal sealed record CatalogueEntry(string? Id, string? Name);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(RoleCatalogue.CatalogueFile))]
internal sealed partial class CatalogueJsonContext : JsonSerializerContext;
