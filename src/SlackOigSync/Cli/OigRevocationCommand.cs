using SlackOigSync.Configuration;
using SlackOigSync.Storage;

namespace SlackOigSync.Cli;

/// <summary>
/// 'oig-revocation list' shows the grants revoked in OIG that Slack still lists (open, or with --all every one and how
/// it ended); 'oig-revocation clear --user ID [--role ID]' closes them, so that the next run treats Slack as the truth
/// again and grants the role once more if Slack still lists it.
/// </summary>
public static class OigRevocationCommand
{
    public static int List(SyncDatabase database, RoleCatalogue? catalogue, bool all, TextWriter output)
    {
        var rows = all ? new OigRevocationRepository(database).All() : new OigRevocationRepository(database).Open();
        if (rows.Count == 0)
        {
            output.WriteLine(all ? "No grant has been revoked in OIG while Slack listed the role." : "No open revocation made in OIG: Slack and OIG agree on every role the sync knew.");
            return 0;
        }

        output.WriteLine(all ? $"Revocations made in OIG ({rows.Count}, open first):" : $"Open revocations made in OIG ({rows.Count}): Slack still lists these roles; the sync does not grant them again:");
        output.Write(TextTable.Render(
            ["OKTA USER", "EMAIL", "ROLE", "SLACK USERS", "DETECTED", "LAST SEEN", "STATE"],
            rows.Select(r => new[]
            {
                r.OktaUserId, r.Email, $"{r.RoleId} {catalogue?.NameFor(r.RoleId)}".TrimEnd(), r.SlackUserIds, Seconds(r.DetectedAt), Seconds(r.LastSeenAt),
                r.IsOpen ? "OPEN" : $"{StorageText.Of(r.Resolution ?? OigRevocationResolution.ClearedByOperator)} {Seconds(r.ClosedAt)}",
            })));
        return 0;
    }

    public static int Clear(SyncDatabase database, string oktaUserId, string? roleId, DateTimeOffset now, TextWriter output, TextWriter errors)
    {
        var repository = new OigRevocationRepository(database);
        var matching = repository.Open().Where(r => r.OktaUserId == oktaUserId && (roleId is null || r.RoleId == roleId)).ToList();
        if (matching.Count == 0)
        {
            errors.WriteLine($"No open revocation made in OIG for Okta user {oktaUserId}{(roleId is null ? string.Empty : $" and role {roleId}")}. 'oig-revocation list' shows the open ones.");
            return CommandLineApp.UsageError;
        }

        repository.Close([.. matching.Select(r => (r.OktaUserId, r.RoleId, OigRevocationResolution.ClearedByOperator))], "operator", now);
        output.WriteLine($"Cleared {matching.Count} revocation(s) made in OIG for {oktaUserId}: {string.Join(", ", matching.Select(r => r.RoleId))}. "
                         + "The next run treats Slack as the truth for them again: a role Slack still lists is granted again.");
        return 0;
    }

    private static string Seconds(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) ?? "-";
}
