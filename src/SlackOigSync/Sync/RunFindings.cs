using SlackOigSync.Configuration;
using SlackOigSync.Storage;

namespace SlackOigSync.Sync;

/// <summary>The findings rows of one run: kept grants, identity conflicts, held revocations, moved links and grants not active, with their reasons.</summary>
public static class RunFindings
{
    public static IReadOnlyList<Finding> Of(string executionId, SyncPlan plan, UserResolution resolution, IReadOnlyList<HeldRevocation> held, IReadOnlyList<MovedLink> moved,
        OigRevocationMode onOigRevocation = OigRevocationMode.Report)
    {
        var findings = new List<Finding>();
        findings.AddRange(resolution.Conflicts.Select(c => new Finding
        {
            ExecutionId = executionId, Kind = FindingKind.IdentityConflict, SlackUserId = c.SlackUserId, Email = c.Email,
            OktaUserId = string.Join(",", c.Candidates), Detail = c.Detail,
        }));
        findings.AddRange(plan.Kept.Select(k => new Finding
        {
            ExecutionId = executionId, Kind = FindingKind.KeptUnresolved, SlackUserId = k.SlackUserId, Email = k.Email,
            OktaUserId = k.OktaUserId, SlackRoleId = k.RoleId, Detail = $"kept: {k.Reason}",
        }));
        findings.AddRange(held.Select(h => new Finding
        {
            ExecutionId = executionId, Kind = FindingKind.RevocationHeld, SlackUserId = string.Join(",", h.SlackUserIds),
            OktaUserId = h.OktaUserId, SlackRoleId = h.RoleId, Detail = h.Reason,
        }));
        findings.AddRange(moved.Select(m => new Finding
        {
            ExecutionId = executionId, Kind = FindingKind.LinkMoved, SlackUserId = m.SlackUserId, Email = m.Email, OktaUserId = m.ToOktaUserId,
            Detail = $"Slack user {m.SlackUserId} was linked to Okta user {m.FromOktaUserId} and now resolves to {m.ToOktaUserId} (by {StorageText.Of(m.ResolvedBy).ToLowerInvariant().Replace('_', ' ')}); "
                     + $"{m.RoleIds.Count} role(s) move with it. If that is wrong, fix the Okta user's email or the app user's externalId",
        }));
        findings.AddRange(plan.HeldByInactiveGrants.Select(h => new Finding
        {
            ExecutionId = executionId, Kind = FindingKind.HeldByInactiveGrant, SlackUserId = h.SlackUserId, Email = h.Email,
            OktaUserId = h.OktaUserId, SlackRoleId = h.RoleId, Detail = h.Describe(),
        }));
        findings.AddRange(resolution.NotAssignedToApp.Select(u => new Finding
        {
            ExecutionId = executionId, Kind = FindingKind.NotAssignedToApp, SlackUserId = u.SlackUserId, Email = u.Email, OktaUserId = u.OktaUserId,
            Detail = "found in Okta by email but not assigned to the Slack app (or its externalId is not set); assign the user or import Slack users to set externalId",
        }));
        findings.AddRange(plan.OigRevocations.Select(o => new Finding
        {
            ExecutionId = executionId, Kind = FindingKind.RevokedInOig, SlackUserId = string.Join(",", o.SlackUserIds), Email = o.Email,
            OktaUserId = o.OktaUserId, SlackRoleId = o.RoleId, Detail = DescribeOigRevocation(o, onOigRevocation),
        }));
        return findings;
    }

    /// <summary>The operator's sentence for a role revoked in OIG that Slack still lists: what happened and what this run does.</summary>
    public static string DescribeOigRevocation(OigRevocation o, OigRevocationMode mode)
    {
        var what = o.AlreadyRecorded
            ? "revoked in OIG earlier (still recorded) and Slack still lists the role"
            : "the grant the sync knew is gone from OIG (a reviewer or an admin revoked it) while Slack still lists the role";
        return mode switch
        {
            OigRevocationMode.RemoveFromSlack => $"{what}; removing the role in Slack (Sync:OnOigRevocation=RemoveFromSlack)",
            OigRevocationMode.Regrant => $"{what}; granting it again (Sync:OnOigRevocation=Regrant)",
            _ => $"{what}; not granted again. Remove it in Slack, or clear it with 'oig-revocation clear --user {o.OktaUserId} --role {o.RoleId}' to grant it again",
        };
    }
}
