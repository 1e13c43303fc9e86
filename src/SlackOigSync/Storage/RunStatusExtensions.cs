namespace SlackOigSync.Storage;

/// <summary>The one mapping from how a run ended to the process exit code (2 is reserved for configuration and usage errors).</summary>
public static class RunStatusExtensions
{
    /// <summary>The statuses a run can end with, in the order they are listed to a person.</summary>
    public static IReadOnlyList<RunStatus> Ended { get; } = [RunStatus.Success, RunStatus.Failed, RunStatus.Partial, RunStatus.Blocked];

    /// <summary>0 SUCCESS, 1 FAILED, 3 PARTIAL, 4 BLOCKED; a run still RUNNING has no exit code.</summary>
    public static int ExitCode(this RunStatus status) => status switch
    {
        RunStatus.Success => 0,
        RunStatus.Failed => 1,
        RunStatus.Partial => 3,
        RunStatus.Blocked => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "A run still RUNNING has no exit code."),
    };
}
