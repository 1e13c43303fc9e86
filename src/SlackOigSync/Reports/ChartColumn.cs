namespace SlackOigSync.Reports;

/// <summary>
/// One run's column in a bar chart: a bar up from the axis, optionally one down, each with its CSS class, and the
/// tooltip text. A column with <see cref="NoValue"/> (a run that read nothing) gets a marker on the axis instead of bars.
/// </summary>
public sealed record ChartColumn(double Up, string UpClass, string Tooltip, double Down = 0, string DownClass = "", bool NoValue = false);
