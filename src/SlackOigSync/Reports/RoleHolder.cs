namespace SlackOigSync.Reports;

/// <summary>
/// One Okta user × Slack system role held through the sync's grant when the basis run ended: who, which role, since
/// when as far as the sync knows, and when the sync granted it in OIG (null when the grant was adopted or made by hand).
/// </summary>
/// <param name="SlackUserId">The Slack user behind the grant; several, space-separated, when more than one Slack account is linked to the Okta user; null when none is remembered.</param>
/// <param name="Email">The Slack user's email as the sync last recorded it; null when it never recorded one.</param>
public sealed record RoleHolder(
    string? SlackUserId,
    string? Email,
    string OktaUserId,
    string RoleId,
    string RoleName,
    DateTimeOffset? HeldSince,
    DateTimeOffset? GrantedInOigAt);
