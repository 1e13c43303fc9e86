namespace SlackOigSync.Storage;

/// <summary>One row of identity_link: the Okta user a Slack user resolved to, how, since when, and when last confirmed.</summary>
public sealed record IdentityLink(string SlackUserId, string OktaUserId, LinkSource Source, DateTimeOffset FirstLinked, DateTimeOffset LastConfirmed);
