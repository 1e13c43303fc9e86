using Dapper;
using SlackOigSync.Configuration;
using SlackOigSync.Storage;
using SlackOigSync.Sync;

namespace SlackOigSync.Reports;

/// <summary>
/// Who holds which Slack system role according to the last successful run. The basis is the last real run (not a dry
/// run) that ended SUCCESS or PARTIAL: PARTIAL counts because its grant state is OIG re-read after applying (a role
/// revoked in OIG and left for a person makes every run PARTIAL until someone acts, and an auditor still needs the
/// list); FAILED never counts, nor BLOCKED (the mass-revocation guard held back revocations Slack asked for, so OIG
/// still holds roles Slack no longer lists). managed_grant_state holds one run's view only, so the holders are
/// those the basis run saved: when a later FAILED or BLOCKED run has saved its own, the basis's view is gone and this
/// says so instead of passing the later run off as the basis.
/// </summary>
public sealed class HolderQuery(SyncDatabase database, RoleCatalogue? catalogue)
{
    private const string BasisColumns = "SELECT execution_id AS ExecutionId, status AS Status, start_time AS StartTime, end_time AS EndTime, dry_run AS DryRun FROM sync_execution_log";

    /// <summary>The holders as the basis run left them; <see cref="ReportUnavailableException"/> when there is no basis.</summary>
    public HolderSnapshot Read()
    {
        using var connection = database.Open();
        var latest = connection.QuerySingleOrDefault<RunRow>(
            $"{BasisColumns} WHERE dry_run = 0 AND status IN ('SUCCESS', 'PARTIAL') ORDER BY start_time DESC, rowid DESC LIMIT 1")
            ?? throw new ReportUnavailableException($"No sync has ended SUCCESS or PARTIAL in {database.Path} yet, so nobody's roles are known; run a sync first ('history' lists the runs so far).");
        var savedBy = connection.Query<string>("SELECT DISTINCT last_execution_id FROM managed_grant_state").ToList();
        var basis = savedBy.Count == 0 || savedBy is [var only] && only == latest.ExecutionId ? latest : BasisFromState(connection, savedBy, latest);

        var end = basis.EndTime ?? basis.StartTime;
        var grants = LastGrants(connection, end);
        var links = connection.Query<(string SlackUserId, string OktaUserId)>(
                "SELECT slack_user_id, okta_user_id FROM identity_link ORDER BY last_confirmed DESC, slack_user_id")
            .ToLookup(l => l.OktaUserId, l => l.SlackUserId, StringComparer.Ordinal);
        var emails = LastEmails(connection, end);
        var holders = connection.Query<(string OktaUserId, string RoleId, DateTimeOffset FirstSeen, string? MappedName)>(
                """
                SELECT g.okta_user_id, g.slack_role_id, g.first_seen, m.slack_role_name
                FROM managed_grant_state g LEFT JOIN system_role_mapping m ON m.slack_role_id = g.slack_role_id
                ORDER BY g.slack_role_id, g.okta_user_id
                """)
            .Select(h =>
            {
                // The Slack user the sync granted it for; otherwise every Slack user linked to the Okta user (most recently confirmed first).
                var grant = grants.GetValueOrDefault((h.OktaUserId, h.RoleId));
                var linked = links[h.OktaUserId].ToList();
                var slackUserId = grant?.SlackUserId ?? (linked.Count == 0 ? null : string.Join(' ', linked));
                var email = grant?.Email ?? emails.GetValueOrDefault(grant?.SlackUserId ?? linked.FirstOrDefault() ?? string.Empty);
                return new RoleHolder(
                    slackUserId, email, h.OktaUserId, h.RoleId, h.MappedName ?? catalogue?.NameFor(h.RoleId) ?? RoleCatalogue.FallbackName(h.RoleId),
                    h.FirstSeen, grant?.RecordedAt);
            })
            .ToList();
        return new HolderSnapshot(ToBasis(basis), holders);
    }

    /// <summary>
    /// The grant state was saved by another run than the last successful one: that run is the basis if it is itself a
    /// successful real run (the last one stopped before saving), and otherwise there is no honest basis left.
    /// </summary>
    private RunRow BasisFromState(System.Data.IDbConnection connection, List<string> savedBy, RunRow latest)
    {
        var writer = savedBy.Count == 1 ? connection.QuerySingleOrDefault<RunRow>($"{BasisColumns} WHERE execution_id = @id", new { id = savedBy[0] }) : null;
        if (writer is { DryRun: 0, Status: "SUCCESS" or "PARTIAL" })
        {
            return writer;
        }

        var by = writer is null ? $"{savedBy.Count} runs ({string.Join(", ", savedBy)})" : writer.Status == "RUNNING" ? $"{writer.ExecutionId}, which is still RUNNING" : $"{writer.ExecutionId}, which ended {writer.Status}";
        throw new ReportUnavailableException(
            $"The grant state in {database.Path} was last saved by {by}, not by the last successful run {latest.ExecutionId}, so who held what when that run ended is no longer known; run a sync that ends SUCCESS or PARTIAL, then try again.");
    }

    /// <summary>
    /// Per Okta user × role, the latest ADD_GRANT the sync applied up to <paramref name="end"/>, unless the sync's own
    /// APPLIED REVOKE_GRANT of that pair came after it (then the holding that followed did not come from that grant).
    /// </summary>
    private static Dictionary<(string, string), GrantRow> LastGrants(System.Data.IDbConnection connection, DateTimeOffset end)
    {
        var last = new Dictionary<(string, string), GrantRow>();
        foreach (var row in connection.Query<GrantRow>(
                     """
                     SELECT action AS Action, okta_user_id AS OktaUserId, slack_role_id AS RoleId, slack_user_id AS SlackUserId, email AS Email, recorded_at AS RecordedAt
                     FROM sync_change_audit
                     WHERE action IN ('ADD_GRANT', 'REVOKE_GRANT') AND outcome = 'APPLIED' AND okta_user_id IS NOT NULL AND slack_role_id IS NOT NULL
                     ORDER BY recorded_at, id
                     """))
        {
            if (row.RecordedAt > end)
            {
                continue;
            }

            if (row.Action == "ADD_GRANT")
            {
                last[(row.OktaUserId, row.RoleId)] = row;
            }
            else
            {
                last.Remove((row.OktaUserId, row.RoleId));
            }
        }

        return last;
    }

    /// <summary>The latest email the sync recorded for each Slack user, in the audit trail or the findings, up to <paramref name="end"/>.</summary>
    private static Dictionary<string, string> LastEmails(System.Data.IDbConnection connection, DateTimeOffset end)
    {
        var emails = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (slackUserId, email, recordedAt) in connection.Query<(string, string, DateTimeOffset)>(
                     """
                     SELECT slack_user_id, email, recorded_at FROM sync_change_audit WHERE slack_user_id IS NOT NULL AND email IS NOT NULL
                     UNION ALL
                     SELECT f.slack_user_id, f.email, e.start_time FROM sync_finding f JOIN sync_execution_log e ON e.execution_id = f.execution_id
                     WHERE f.slack_user_id IS NOT NULL AND f.email IS NOT NULL
                     ORDER BY 3
                     """))
        {
            if (recordedAt <= end)
            {
                emails[slackUserId] = email;
            }
        }

        return emails;
    }

    private static BasisRun ToBasis(RunRow row) =>
        new(row.ExecutionId, Enum.Parse<RunStatus>(row.Status, ignoreCase: true), row.StartTime, row.EndTime);

    private sealed record RunRow(string ExecutionId, string Status, DateTimeOffset StartTime, DateTimeOffset? EndTime, long DryRun);

    private sealed record GrantRow(string Action, string OktaUserId, string RoleId, string? SlackUserId, string? Email, DateTimeOffset RecordedAt);
}
