using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace SlackOigSync.Configuration;

/// <summary>The "Output" section: how much a run prints on stdout (everything stays in the database for 'show').</summary>
public sealed record OutputSettings
{
    public const int DefaultMaxRows = 20;

    /// <summary>The most rows of each table printed after a run, then one line saying how many more 'show' lists.</summary>
    public int MaxRows { get; init; } = DefaultMaxRows;

    /// <summary>Reads Output:MaxRows; a value that is not a whole number from 1 to 100000 is a problem, in one sentence.</summary>
    public static (OutputSettings Settings, string? Problem) Bind(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration["Output:MaxRows"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return (new OutputSettings(), null);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var rows) && rows is >= 1 and <= 100_000
            ? (new OutputSettings { MaxRows = rows }, null)
            : (new OutputSettings(), $"Output:MaxRows '{text}' is not a number of rows from 1 to 100000 (default {DefaultMaxRows}).");
    }
}
