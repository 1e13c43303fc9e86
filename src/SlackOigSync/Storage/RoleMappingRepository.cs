using Dapper;

namespace SlackOigSync.Storage;

/// <summary>system_role_mapping: which OIG entitlement value stands for which Slack role.</summary>
public sealed class RoleMappingRepository(SyncDatabase database)
{
    public void Upsert(IEnumerable<(string RoleId, string RoleName, string EntitlementId, string ValueId)> mappings, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var m in mappings)
        {
            connection.Execute(
                """
                INSERT INTO system_role_mapping (slack_role_id, slack_role_name, okta_entitlement_id, okta_entitlement_value_id, created_at, last_synced)
                VALUES (@RoleId, @RoleName, @EntitlementId, @ValueId, @now, @now)
                ON CONFLICT (slack_role_id) DO UPDATE SET slack_role_name = excluded.slack_role_name,
                    okta_entitlement_id = excluded.okta_entitlement_id, okta_entitlement_value_id = excluded.okta_entitlement_value_id,
                    last_synced = excluded.last_synced
                """,
                new { m.RoleId, m.RoleName, m.EntitlementId, m.ValueId, now },
                transaction);
        }

        transaction.Commit();
    }

    /// <summary>Every mapped role: its name as last synced and its OIG value id, by Slack role id.</summary>
    public IReadOnlyDictionary<string, (string Name, string ValueId)> All()
    {
        using var connection = database.Open();
        return connection.Query<(string RoleId, string Name, string ValueId)>(
            "SELECT slack_role_id, slack_role_name, okta_entitlement_value_id FROM system_role_mapping")
            .ToDictionary(r => r.RoleId, r => (r.Name, r.ValueId), StringComparer.Ordinal);
    }
}
