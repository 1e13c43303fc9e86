using SlackOigSync.Storage;

namespace SlackOigSync.Sync;

/// <summary>
/// Who is who for this run: today's resolution, the Slack app's unambiguous externalIds and the remembered links of
/// earlier runs, put together. It says which grants must be kept because their holder is unresolved today, which
/// links moved, and which Okta user a Slack user is (for the confirming read), and it computes the links to remember.
/// </summary>
public sealed class IdentityMap
{
    private readonly UserResolution _resolution;
    private readonly IReadOnlyDictionary<string, string> _byExternalId;
    private readonly IReadOnlyDictionary<string, IdentityLink> _remembered;
    private readonly HashSet<string> _knownOktaUsers = new(StringComparer.Ordinal);

    public IdentityMap(UserResolution resolution, IReadOnlyDictionary<string, string> byExternalId, IReadOnlyDictionary<string, IdentityLink> remembered)
    {
        _resolution = resolution;
        _byExternalId = byExternalId;
        _remembered = remembered;
        // One set of Okta ids, not a set of Slack ids per Okta user: at 50,000 assignments the app's users alone are
        // ~90,000, and a set each cost tens of megabytes of the run's peak (docs/performance.md).
        foreach (var r in resolution.Resolved.Values)
        {
            _knownOktaUsers.Add(r.OktaUserId);
        }

        foreach (var link in remembered.Values)
        {
            _knownOktaUsers.Add(link.OktaUserId);
        }

        foreach (var oktaUserId in byExternalId.Values)
        {
            _knownOktaUsers.Add(oktaUserId);
        }
    }

    /// <summary>Okta users the sync knows a Slack identity of (today or from memory); built once, never changed.</summary>
    public IReadOnlySet<string> KnownOktaUsers => _knownOktaUsers;

    /// <summary>The Okta user a Slack user is: today's resolution, else the app's externalId, else the remembered link.</summary>
    public string? OktaUserOf(string slackUserId) =>
        _resolution.Resolved.TryGetValue(slackUserId, out var r) ? r.OktaUserId
        : _byExternalId.TryGetValue(slackUserId, out var byId) ? byId
        : _remembered.TryGetValue(slackUserId, out var link) ? link.OktaUserId
        : null;

    /// <summary>
    /// The protection an unresolved holder's Slack roles give: each role on the remembered Okta user, or, when
    /// nobody remembers the holder, the role itself for any Okta user of unknown identity.
    /// </summary>
    public (IReadOnlyList<ProtectedGrant> Protected, IReadOnlyDictionary<string, string> UnattributedRoles) Protection(
        IReadOnlyDictionary<string, IReadOnlySet<string>> rolesByUser)
    {
        var protectedGrants = new List<ProtectedGrant>();
        var unattributed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var holder in _resolution.Unresolved)
        {
            var reason = $"identity unresolved ({Describe(holder)})";
            if (_remembered.TryGetValue(holder.SlackUserId, out var link))
            {
                protectedGrants.AddRange(rolesByUser[holder.SlackUserId].Select(role => new ProtectedGrant(link.OktaUserId, role, holder.SlackUserId, holder.Email, reason)));
            }
            else
            {
                foreach (var role in rolesByUser[holder.SlackUserId])
                {
                    unattributed.TryAdd(role, $"identity unresolved: Slack user {holder.SlackUserId} holds this role and is not remembered ({Describe(holder)})");
                }
            }
        }

        return (protectedGrants, unattributed);
    }

    /// <summary>Resolved holders whose remembered Okta user differs from today's.</summary>
    public IReadOnlyList<MovedLink> Moved(IReadOnlyDictionary<string, IReadOnlySet<string>> rolesByUser) =>
    [
        .. _resolution.Resolved.Values
            .Where(r => _remembered.TryGetValue(r.SlackUserId, out var link) && link.OktaUserId != r.OktaUserId)
            .OrderBy(r => r.SlackUserId, StringComparer.Ordinal)
            .Select(r => new MovedLink(r.SlackUserId, r.Email, _remembered[r.SlackUserId].OktaUserId, r.OktaUserId, r.ResolvedBy, rolesByUser[r.SlackUserId])),
    ];

    /// <summary>Links to remember after this run: every resolved holder, confirmed now; a moved link starts again.</summary>
    public IReadOnlyList<IdentityLink> LinksToSave(DateTimeOffset now) =>
    [
        .. _resolution.Resolved.Values.Select(r => _remembered.TryGetValue(r.SlackUserId, out var link) && link.OktaUserId == r.OktaUserId
            ? link with { Source = r.ResolvedBy, LastConfirmed = now }
            : new IdentityLink(r.SlackUserId, r.OktaUserId, r.ResolvedBy, now, now)),
    ];

    public static string Describe(UnresolvedUser holder) => holder.Reason switch
    {
        UnresolvedReason.NotInOkta => $"no Okta user has the email {holder.Email}",
        UnresolvedReason.NoEmail => "Slack gave no email",
        UnresolvedReason.Conflict => $"conflict: {string.Join(", ", holder.Candidates)} all claim it",
        UnresolvedReason.NotFoundInSlack => "users.info answered user_not_found",
        _ => holder.Detail,
    };
}
