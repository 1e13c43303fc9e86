using SlackOigSync.Sync;

namespace SlackOigSync.Alerts;

/// <summary>Decides from a finished run whether it deserves an alert, and why. Pure: no I/O.</summary>
public static class AlertTrigger
{
    /// <summary>The reasons to alert, in a fixed order; empty when alerts are off, for a dry run, or when nothing calls for one.</summary>
    public static IReadOnlyList<AlertReason> Reasons(AlertSettings settings, SyncResult result)
    {
        // A dry run has someone at the terminal reading its plan; it changed nothing worth waking a channel for.
        if (!settings.Enabled || result.DryRun)
        {
            return [];
        }

        var reasons = new List<AlertReason>();
        if (settings.Statuses.Contains(result.Status))
        {
            reasons.Add(AlertReason.Status);
        }

        // Removing a role in Slack (Sync:OnOigRevocation=RemoveFromSlack) takes access away too.
        if (settings.OnRevocation && result.Removed + result.RemovedFromSlack > 0)
        {
            reasons.Add(AlertReason.Revocation);
        }

        if (settings.OnUnresolvedHolders && result.Resolution is { Unresolved.Count: > 0 })
        {
            reasons.Add(AlertReason.UnresolvedHolders);
        }

        return reasons;
    }
}
