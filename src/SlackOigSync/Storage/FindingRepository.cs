using Dapper;

namespace SlackOigSync.Storage;

/// <summary>sync_finding: what each run reported but did not change.</summary>
public sealed class FindingRepository(SyncDatabase database)
{
    public void Append(IReadOnlyCollection<Finding> findings)
    {
        if (findings.Count == 0)
        {
            return;
        }

        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        connection.Execute(
            """
            INSERT INTO sync_finding (execution_id, kind, slack_user_id, email, okta_user_id, slack_role_id, detail)
            VALUES (@ExecutionId, @Kind, @SlackUserId, @Email, @OktaUserId, @SlackRoleId, @Detail)
            """,
            findings.Select(f => new { f.ExecutionId, Kind = StorageText.Of(f.Kind), f.SlackUserId, f.Email, f.OktaUserId, f.SlackRoleId, f.Detail }),
            transaction);
        transaction.Commit();
    }

    public IReadOnlyList<Finding> ForExecution(string executionId)
    {
        using var connection = database.Open();
        return connection.Query<(long Id, string Kind, string? SlackUserId, string? Email, string? OktaUserId, string? SlackRoleId, string Detail)>(
                "SELECT id, kind, slack_user_id, email, okta_user_id, slack_role_id, detail FROM sync_finding WHERE execution_id = @executionId ORDER BY id",
                new { executionId })
            .Select(r => new Finding
            {
                Id = r.Id, ExecutionId = executionId, Kind = StorageText.Parse<FindingKind>(r.Kind), SlackUserId = r.SlackUserId,
                Email = r.Email, OktaUserId = r.OktaUserId, SlackRoleId = r.SlackRoleId, Detail = r.Detail,
            })
            .ToList();
    }
}
