namespace SlackOigSync.Reports;

/// <summary>Who held which Slack system role when <see cref="Basis"/> ended, ordered by role then Okta user.</summary>
public sealed record HolderSnapshot(BasisRun Basis, IReadOnlyList<RoleHolder> Holders);
