using SlackOigSync.Storage;

namespace SlackOigSync.Reports;

/// <summary>Everything the HTML report shows: the holders of the basis run, what that run could not resolve, and the recent runs (oldest first).</summary>
public sealed record ReportData(
    HolderSnapshot Snapshot,
    IReadOnlyList<string> NotInOkta,
    IReadOnlyList<Finding> KeptUnresolved,
    IReadOnlyList<Finding> Conflicts,
    IReadOnlyList<RunPoint> Runs,
    DateTimeOffset GeneratedAt);
