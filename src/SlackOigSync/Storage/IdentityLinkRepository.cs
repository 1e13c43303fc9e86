using Dapper;

namespace SlackOigSync.Storage;

/// <summary>identity_link: the sync's memory of which Okta user each Slack role holder is.</summary>
public sealed class IdentityLinkRepository(SyncDatabase database)
{
    public IReadOnlyDictionary<string, IdentityLink> All()
    {
        using var connection = database.Open();
        var links = new Dictionary<string, IdentityLink>(StringComparer.Ordinal);
        foreach (var row in connection.Query<(string SlackUserId, string OktaUserId, string ResolvedBy, DateTimeOffset FirstLinked, DateTimeOffset LastConfirmed)>(
                     "SELECT slack_user_id, okta_user_id, resolved_by, first_linked, last_confirmed FROM identity_link", buffered: false)) // row by row into the dictionary, no list of every row first
        {
            links[row.SlackUserId] = new IdentityLink(row.SlackUserId, row.OktaUserId, StorageText.Parse<LinkSource>(row.ResolvedBy), row.FirstLinked, row.LastConfirmed);
        }

        return links;
    }

    /// <summary>Inserts or replaces the given links in one transaction.</summary>
    public void Save(IReadOnlyCollection<IdentityLink> links)
    {
        if (links.Count == 0)
        {
            return;
        }

        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        connection.Execute(
            """
            INSERT INTO identity_link (slack_user_id, okta_user_id, resolved_by, first_linked, last_confirmed)
            VALUES (@SlackUserId, @OktaUserId, @ResolvedBy, @FirstLinked, @LastConfirmed)
            ON CONFLICT (slack_user_id) DO UPDATE SET okta_user_id = excluded.okta_user_id, resolved_by = excluded.resolved_by,
                first_linked = excluded.first_linked, last_confirmed = excluded.last_confirmed
            """,
            links.Select(l => new { l.SlackUserId, l.OktaUserId, ResolvedBy = StorageText.Of(l.Source), l.FirstLinked, l.LastConfirmed }),
            transaction);
        transaction.Commit();
    }
}
