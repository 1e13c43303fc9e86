using SlackOigSync.Slack;

namespace SlackOigSync.Sync;

/// <summary>
/// Slack's truth as the sync uses it: user → roles (entities collapsed: user × role is what counts). Built while the
/// pages stream in; role ids are shared strings, so 50,000 assignments cost one small set per holder, not 50,000 records.
/// </summary>
public sealed class SlackRoleHolders
{
    private SlackRoleHolders(Dictionary<string, IReadOnlySet<string>> rolesByUser, IReadOnlySet<string> roles, int assignments)
    {
        RolesByUser = rolesByUser;
        Roles = roles;
        Assignments = assignments;
    }

    public IReadOnlyDictionary<string, IReadOnlySet<string>> RolesByUser { get; }

    public IReadOnlySet<string> Roles { get; }

    /// <summary>Assignments as Slack listed them (one user can hold one role on several entities).</summary>
    public int Assignments { get; }

    public static async Task<SlackRoleHolders> ReadAsync(IAsyncEnumerable<SlackRoleAssignment> assignments)
    {
        var roles = new Dictionary<string, string>(StringComparer.Ordinal);
        var byUser = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var count = 0;
        await foreach (var a in assignments)
        {
            count++;
            if (!roles.TryGetValue(a.RoleId, out var role))
            {
                roles[a.RoleId] = role = a.RoleId;
            }

            if (!byUser.TryGetValue(a.UserId, out var held))
            {
                byUser[a.UserId] = held = new HashSet<string>(StringComparer.Ordinal);
            }

            held.Add(role);
        }

        return new SlackRoleHolders(
            byUser.ToDictionary(kv => kv.Key, kv => (IReadOnlySet<string>)kv.Value, StringComparer.Ordinal),
            roles.Keys.ToHashSet(StringComparer.Ordinal),
            count);
    }
}
