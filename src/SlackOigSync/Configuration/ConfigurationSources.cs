using Microsoft.Extensions.Configuration;

namespace SlackOigSync.Configuration;

/// <summary>
/// Where settings come from, later sources winning: the JSON file, <c>SLACK_OIG_SYNC_</c> environment variables
/// (<c>Section__Key</c>), <c>--set Section:Key=value</c>, then the caller's overrides (the demo and tests use them).
/// </summary>
public static class ConfigurationSources
{
    public const string DefaultFile = "config/appsettings.json";
    public const string EnvironmentPrefix = "SLACK_OIG_SYNC_";

    /// <summary>Adds the sources to <paramref name="builder"/>; returns the one sentence that says why it could not, or null.</summary>
    /// <param name="file">The --config file; null for the default, which may be absent when every setting comes from elsewhere.</param>
    /// <param name="defaultFile">The file read when <paramref name="file"/> is null (tests name another).</param>
    public static string? Add(IConfigurationBuilder builder, string? file, IEnumerable<string> sets, IReadOnlyDictionary<string, string?>? overrides, string defaultFile = DefaultFile)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var pairs = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var set in sets)
        {
            var equals = set.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return $"--set expects Section:Key=value, got '{set}'.";
            }

            pairs[set[..equals]] = set[(equals + 1)..];
        }

        var path = file ?? defaultFile;
        if (File.Exists(path))
        {
            if (ConfigurationFile.Check(path) is { } problem)
            {
                return problem;
            }

            try
            {
                builder.AddJsonFile(Path.GetFullPath(path), optional: false, reloadOnChange: false);
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or IOException or UnauthorizedAccessException)
            {
                return ConfigurationFile.Describe(path, e);
            }
        }
        else if (file is not null && Directory.Exists(file))
        {
            return $"Configuration file '{file}' is a directory. Pass --config with the path to appsettings.json itself.";
        }
        else if (file is not null)
        {
            return $"Configuration file '{file}' does not exist. Pass --config with the path to appsettings.json, or run from the repository root.";
        }

        builder.AddEnvironmentVariables(EnvironmentPrefix)
            .AddInMemoryCollection(pairs)
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>());
        return null;
    }
}
