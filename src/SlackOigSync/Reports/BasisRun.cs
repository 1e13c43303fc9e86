using SlackOigSync.Storage;

namespace SlackOigSync.Reports;

/// <summary>The run an export or report describes: the last real (not dry) run that ended SUCCESS or PARTIAL and saved the grant state.</summary>
public sealed record BasisRun(string ExecutionId, RunStatus Status, DateTimeOffset StartTime, DateTimeOffset? EndTime);
