namespace SlackOigSync.Configuration;

/// <summary>
/// What a command needs from the configuration, so that it is validated for exactly that before anything runs:
/// the database-only commands (history, show, export…) need no API settings, a sync needs them all.
/// </summary>
/// <param name="Apis">Calls Slack and Okta: every setting is validated.</param>
/// <param name="ExistingDatabase">Only reads what runs wrote: a missing database file is a usage error, never created.</param>
/// <param name="Schedule">The daemon: Schedule:* is validated too.</param>
/// <param name="CampaignName">'campaign create': the Campaign section is validated for this name.</param>
public sealed record CommandNeeds(bool Apis, bool ExistingDatabase = false, bool Schedule = false, string? CampaignName = null)
{
    /// <summary>A command that only reads (or edits) the database a run wrote.</summary>
    public static CommandNeeds DatabaseOnly { get; } = new(Apis: false, ExistingDatabase: true);

    /// <summary>A command that calls Slack and Okta.</summary>
    public static CommandNeeds ApisAndDatabase { get; } = new(Apis: true);
}
