namespace SlackOigSync.Configuration;

/// <summary>
/// What a run does when a grant it knew is gone from OIG while Slack still lists the role (Sync:OnOigRevocation):
/// someone in OIG (a certification reviewer, an admin) revoked it.
/// </summary>
public enum OigRevocationMode
{
    /// <summary>Grant nothing again; report it each run (PARTIAL) until Slack no longer lists the role or an operator clears it.</summary>
    Report,

    /// <summary>Remove the role in Slack (admin.roles.removeAssignments, needs admin.roles:write), so that Slack and OIG agree.</summary>
    RemoveFromSlack,

    /// <summary>Grant it again, as if OIG had never been touched: for teams that treat Slack as the only truth.</summary>
    Regrant,
}
