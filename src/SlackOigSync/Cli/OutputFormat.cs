namespace SlackOigSync.Cli;

/// <summary>How 'history' and 'show' print: aligned columns for people, JSON or CSV for tools.</summary>
public enum OutputFormat
{
    Table,
    Json,
    Csv,
}
