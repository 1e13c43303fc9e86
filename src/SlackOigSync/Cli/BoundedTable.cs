namespace SlackOigSync.Cli;

/// <summary>
/// A table printed after a run: at most a set number of rows, then one line saying how many more there are and
/// where to read them all, so a first sync of thousands of grants stays readable on a terminal and in a cron mail.
/// </summary>
public sealed class BoundedTable(int maxRows, string executionId)
{
    public int MaxRows => maxRows;

    public string Render(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var all = rows.ToList();
        var table = TextTable.Render(headers, all.Take(maxRows));
        return all.Count <= maxRows
            ? table
            : table + $"  … and {DisplayText.Count(all.Count - maxRows)} more: `show {executionId}`\n";
    }
}
