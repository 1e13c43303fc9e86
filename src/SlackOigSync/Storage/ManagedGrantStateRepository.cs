using Dapper;

namespace SlackOigSync.Storage;

/// <summary>managed_grant_state: what the sync's grants held when the last run (not a dry run) ended.</summary>
public sealed class ManagedGrantStateRepository(SyncDatabase database)
{
    public IReadOnlyList<HeldGrant> All()
    {
        using var connection = database.Open();
        return connection.Query<(string OktaUserId, string RoleId, string ValueId, DateTimeOffset FirstSeen, DateTimeOffset LastSeen)>(
                "SELECT okta_user_id, slack_role_id, okta_entitlement_value_id, first_seen, last_seen FROM managed_grant_state")
            .Select(r => new HeldGrant(r.OktaUserId, r.RoleId, r.ValueId) { FirstSeen = r.FirstSeen, LastSeen = r.LastSeen })
            .ToList();
    }

    /// <summary>
    /// The user × role pairs held, as one set: only the two columns, read row by row (no list of records, no timestamps
    /// parsed), and each role id one shared string, since a run keeps this set from planning to verification.
    /// </summary>
    public HashSet<(string OktaUserId, string RoleId)> HeldPairs()
    {
        using var connection = database.Open();
        var roles = new Dictionary<string, string>(StringComparer.Ordinal);
        var pairs = new HashSet<(string OktaUserId, string RoleId)>();
        foreach (var (oktaUserId, roleId) in connection.Query<(string OktaUserId, string RoleId)>(
                     "SELECT okta_user_id, slack_role_id FROM managed_grant_state", buffered: false))
        {
            if (!roles.TryGetValue(roleId, out var role))
            {
                roles[roleId] = role = roleId;
            }

            pairs.Add((oktaUserId, role));
        }

        return pairs;
    }

    /// <summary>Replaces the state with what is held now, in one transaction; a pair held before keeps its first_seen.</summary>
    public void Replace(IReadOnlyCollection<HeldGrant> held, string executionId, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        connection.Execute("CREATE TEMP TABLE IF NOT EXISTS held_now (okta_user_id TEXT NOT NULL, slack_role_id TEXT NOT NULL, PRIMARY KEY (okta_user_id, slack_role_id))", transaction: transaction);
        connection.Execute("DELETE FROM held_now", transaction: transaction);
        connection.Execute(
            "INSERT OR IGNORE INTO held_now (okta_user_id, slack_role_id) VALUES (@OktaUserId, @RoleId)",
            held.Select(h => new { h.OktaUserId, h.RoleId }), transaction);
        connection.Execute(
            """
            DELETE FROM managed_grant_state
            WHERE NOT EXISTS (SELECT 1 FROM held_now n WHERE n.okta_user_id = managed_grant_state.okta_user_id AND n.slack_role_id = managed_grant_state.slack_role_id)
            """,
            transaction: transaction);
        connection.Execute(
            """
            INSERT INTO managed_grant_state (okta_user_id, slack_role_id, okta_entitlement_value_id, first_seen, last_seen, last_execution_id)
            VALUES (@OktaUserId, @RoleId, @ValueId, @now, @now, @executionId)
            ON CONFLICT (okta_user_id, slack_role_id) DO UPDATE SET okta_entitlement_value_id = excluded.okta_entitlement_value_id,
                last_seen = excluded.last_seen, last_execution_id = excluded.last_execution_id
            """,
            held.Select(h => new { h.OktaUserId, h.RoleId, h.ValueId, now, executionId }), transaction);
        connection.Execute("DELETE FROM held_now", transaction: transaction);
        transaction.Commit();
    }
}
