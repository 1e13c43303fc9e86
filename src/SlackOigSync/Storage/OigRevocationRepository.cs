using Dapper;

namespace SlackOigSync.Storage;

/// <summary>oig_revocation: grants revoked in OIG while Slack still lists the role, open until resolved or cleared.</summary>
public sealed class OigRevocationRepository(SyncDatabase database)
{
    private const string Columns = """
        SELECT id AS Id, okta_user_id AS OktaUserId, slack_role_id AS RoleId, slack_user_ids AS SlackUserIds, email AS Email,
               detected_at AS DetectedAt, detected_by AS DetectedBy, last_seen_at AS LastSeenAt, last_seen_by AS LastSeenBy,
               closed_at AS ClosedAt, closed_by AS ClosedBy, resolution AS ResolutionText
        FROM oig_revocation
        """;

    public IReadOnlyList<OigRevocationRecord> Open() => Query($"{Columns} WHERE closed_at IS NULL ORDER BY okta_user_id, slack_role_id", null);

    /// <summary>Open rows, then closed ones, newest first within each.</summary>
    public IReadOnlyList<OigRevocationRecord> All() => Query($"{Columns} ORDER BY closed_at IS NOT NULL, id DESC", null);

    /// <summary>Opens a row for each pair not open yet, and marks the open ones seen again by this run.</summary>
    public void Record(IReadOnlyCollection<(string OktaUserId, string RoleId, string SlackUserIds, string? Email)> seen, string executionId, DateTimeOffset now)
    {
        if (seen.Count == 0)
        {
            return;
        }

        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var s in seen)
        {
            var updated = connection.Execute(
                """
                UPDATE oig_revocation SET last_seen_at = @now, last_seen_by = @executionId, slack_user_ids = @SlackUserIds, email = COALESCE(@Email, email)
                WHERE okta_user_id = @OktaUserId AND slack_role_id = @RoleId AND closed_at IS NULL
                """,
                new { s.OktaUserId, s.RoleId, s.SlackUserIds, s.Email, now, executionId }, transaction);
            if (updated == 0)
            {
                connection.Execute(
                    """
                    INSERT INTO oig_revocation (okta_user_id, slack_role_id, slack_user_ids, email, detected_at, detected_by, last_seen_at, last_seen_by)
                    VALUES (@OktaUserId, @RoleId, @SlackUserIds, @Email, @now, @executionId, @now, @executionId)
                    """,
                    new { s.OktaUserId, s.RoleId, s.SlackUserIds, s.Email, now, executionId }, transaction);
            }
        }

        transaction.Commit();
    }

    /// <summary>Closes the open rows of these pairs with their resolution; by names the run (or "operator").</summary>
    public int Close(IReadOnlyCollection<(string OktaUserId, string RoleId, OigRevocationResolution Resolution)> closing, string by, DateTimeOffset now)
    {
        if (closing.Count == 0)
        {
            return 0;
        }

        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var closed = closing.Sum(c => connection.Execute(
            """
            UPDATE oig_revocation SET closed_at = @now, closed_by = @by, resolution = @Resolution
            WHERE okta_user_id = @OktaUserId AND slack_role_id = @RoleId AND closed_at IS NULL
            """,
            new { c.OktaUserId, c.RoleId, Resolution = StorageText.Of(c.Resolution), by, now }, transaction));
        transaction.Commit();
        return closed;
    }

    private List<OigRevocationRecord> Query(string sql, object? parameters)
    {
        using var connection = database.Open();
        return connection.Query<Row>(sql, parameters)
            .Select(r => new OigRevocationRecord
            {
                Id = r.Id, OktaUserId = r.OktaUserId, RoleId = r.RoleId, SlackUserIds = r.SlackUserIds, Email = r.Email,
                DetectedAt = r.DetectedAt, DetectedBy = r.DetectedBy, LastSeenAt = r.LastSeenAt, LastSeenBy = r.LastSeenBy,
                ClosedAt = r.ClosedAt, ClosedBy = r.ClosedBy,
                Resolution = r.ResolutionText is null ? null : StorageText.Parse<OigRevocationResolution>(r.ResolutionText),
            })
            .ToList();
    }

    private sealed record Row
    {
        public long Id { get; init; }
        public string OktaUserId { get; init; } = string.Empty;
        public string RoleId { get; init; } = string.Empty;
        public string SlackUserIds { get; init; } = string.Empty;
        public string? Email { get; init; }
        public DateTimeOffset DetectedAt { get; init; }
        public string DetectedBy { get; init; } = string.Empty;
        public DateTimeOffset LastSeenAt { get; init; }
        public string LastSeenBy { get; init; } = string.Empty;
        public DateTimeOffset? ClosedAt { get; init; }
        public string? ClosedBy { get; init; }
        public string? ResolutionText { get; init; }
    }
}
