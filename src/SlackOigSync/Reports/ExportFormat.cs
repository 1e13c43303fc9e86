namespace SlackOigSync.Reports;

/// <summary>The formats of 'export --format'.</summary>
public enum ExportFormat
{
    Csv,
    Json,
}
