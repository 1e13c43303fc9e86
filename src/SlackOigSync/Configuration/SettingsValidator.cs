using System.Globalization;
using System.Text.RegularExpressions;

namespace SlackOigSync.Configuration;

/// <summary>
/// Checks every setting before the first API call. Each problem is one sentence naming the setting, the value
/// (never a secret's value) and what to do.
/// </summary>
public static partial class SettingsValidator
{
    public static List<string> Validate(AppSettings settings)
    {
        var problems = new List<string>();
        var slack = settings.Slack;
        var okta = settings.Okta;

        if (string.IsNullOrWhiteSpace(slack.Token))
        {
            problems.Add("Slack:Token is not set. Set it to a Slack user token (xoxp-…) from the app installed org-wide, e.g. with the environment variable SLACK_OIG_SYNC_Slack__Token.");
        }
        else if (!slack.Token.StartsWith("xoxp-", StringComparison.Ordinal))
        {
            problems.Add($"Slack:Token is a {(slack.Token.StartsWith("xoxb-", StringComparison.Ordinal) ? "bot token (xoxb-)" : "token that is not a user token")}; admin.roles.listAssignments accepts only a user token (xoxp-) from an org-wide install by an Org Admin or Owner.");
        }

        CheckUrl(problems, "Slack:ApiBaseUrl", slack.ApiBaseUrl);
        if (string.IsNullOrWhiteSpace(okta.OrgUrl))
        {
            problems.Add("Okta:OrgUrl is not set. Set it to your org's URL, e.g. https://acme.okta.com.");
        }
        else
        {
            CheckUrl(problems, "Okta:OrgUrl", okta.OrgUrl);
        }

        var hasApiToken = !string.IsNullOrWhiteSpace(okta.ApiToken);
        var hasAccessToken = !string.IsNullOrWhiteSpace(okta.AccessToken);
        if (hasApiToken == hasAccessToken)
        {
            problems.Add(hasApiToken
                ? "Okta:ApiToken and Okta:AccessToken are both set. Set exactly one: an API token (sent as SSWS) or an OAuth access token (sent as Bearer)."
                : "Neither Okta:ApiToken nor Okta:AccessToken is set. Set one, e.g. with the environment variable SLACK_OIG_SYNC_Okta__ApiToken.");
        }

        if (string.IsNullOrWhiteSpace(okta.SlackAppId))
        {
            problems.Add("Okta:SlackAppId is not set. Set it to the id of the Okta app that represents Slack (0oa… in the app's URL in the Admin Console).");
        }
        else if (!OktaAppId().IsMatch(okta.SlackAppId))
        {
            problems.Add($"Okta:SlackAppId '{okta.SlackAppId}' is not an Okta app id: expected 20 letters and digits starting with 0oa (e.g. 0oa1b2c3d4e5f6g7h8i9).");
        }

        CheckDatabasePath(problems, settings.Sync.DatabasePath);
        if (string.IsNullOrWhiteSpace(settings.Sync.EntitlementExternalValue) || string.IsNullOrWhiteSpace(settings.Sync.EntitlementName))
        {
            problems.Add("Sync:EntitlementName and Sync:EntitlementExternalValue must not be empty (defaults: 'Slack System Role', 'slack_system_role').");
        }

        if (settings.Sync.WriteConcurrency is < 1 or > 32 || settings.Sync.LookupConcurrency is < 1 or > 32)
        {
            problems.Add($"Sync:WriteConcurrency ({settings.Sync.WriteConcurrency}) and Sync:LookupConcurrency ({settings.Sync.LookupConcurrency}) must be between 1 and 32.");
        }

        problems.AddRange(RoleCatalogue.Load(settings.Sync.RoleCataloguePath).Problems);
        return problems;
    }

    /// <summary>Problems with the daemon's schedule; checked only by the daemon command.</summary>
    public static List<string> ValidateSchedule(ScheduleSettings schedule)
    {
        var problems = new List<string>();
        if (!TimeOnly.TryParseExact(schedule.DailyAt, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            problems.Add($"Schedule:DailyAt '{schedule.DailyAt}' is not a time of day. Use HH:mm, e.g. 02:00.");
        }

        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            problems.Add($"Schedule:TimeZone '{schedule.TimeZone}' is not a known IANA time zone. Use an id such as UTC or Europe/Paris.");
        }

        return problems;
    }

    private static void CheckUrl(List<string> problems, string setting, string? value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            problems.Add($"{setting} '{value}' is not an absolute http(s) URL.");
        }
        else if (uri.Scheme == "http" && !uri.IsLoopback)
        {
            problems.Add($"{setting} '{value}' uses plain HTTP. Tokens would cross the network unencrypted: use https (plain http is allowed only for loopback addresses such as a local sandbox).");
        }
    }

    private static void CheckDatabasePath(List<string> problems, string path)
    {
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            SlackOigSync.Storage.SyncDatabase.CreateDirectory(directory); // 0750, as the database's own directory
            var probe = Path.Combine(directory, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problems.Add($"Sync:DatabasePath '{path}' is not writable ({e.Message}). Point it at a file in a directory this user can write, e.g. data/slack-oig-sync.db.");
        }
    }

    [GeneratedRegex("^0oa[0-9A-Za-z]{17}$")]
    private static partial Regex OktaAppId();
}
