using System.Globalization;
using System.Text.RegularExpressions;
using SlackOigSync.Http;

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
        else if (HasWhitespaceInside(slack.Token))
        {
            problems.Add(WhitespaceInside("Slack:Token"));
        }
        else if (!slack.Token.StartsWith("xoxp-", StringComparison.Ordinal))
        {
            problems.Add($"Slack:Token is a {(slack.Token.StartsWith("xoxb-", StringComparison.Ordinal) ? "bot token (xoxb-)" : "token that is not a user token")}; admin.roles.listAssignments accepts only a user token (xoxp-) from an org-wide install by an Org Admin or Owner.");
        }

        if (CheckUrl(problems, "Slack:ApiBaseUrl", slack.ApiBaseUrl) is { } slackUri
            && (!slackUri.AbsolutePath.TrimEnd('/').EndsWith("/api", StringComparison.OrdinalIgnoreCase) || slackUri.Query.Length > 0 || slackUri.Fragment.Length > 0))
        {
            problems.Add($"Slack:ApiBaseUrl '{slack.ApiBaseUrl}' must be the Web API's address ending in /api/, with no query or fragment, e.g. https://slack.com/api/.");
        }

        if (string.IsNullOrWhiteSpace(okta.OrgUrl))
        {
            problems.Add("Okta:OrgUrl is not set. Set it to your org's URL, e.g. https://acme.okta.com.");
        }
        else if (CheckUrl(problems, "Okta:OrgUrl", okta.OrgUrl) is { } orgUri && NotOrigin(orgUri) is { } extra)
        {
            problems.Add($"Okta:OrgUrl must be the org's origin only, e.g. https://acme.okta.com (no path); '{okta.OrgUrl}' has {extra}.");
        }

        if (okta.AuthMode == OktaAuthMode.PrivateKey)
        {
            ValidateServiceApp(problems, okta);
        }
        else
        {
            var hasApiToken = !string.IsNullOrWhiteSpace(okta.ApiToken);
            var hasAccessToken = !string.IsNullOrWhiteSpace(okta.AccessToken);
            if (hasApiToken == hasAccessToken)
            {
                problems.Add(hasApiToken
                    ? "Okta:ApiToken and Okta:AccessToken are both set. Set exactly one: an API token (sent as SSWS) or an OAuth access token (sent as Bearer)."
                    : "Neither Okta:ApiToken nor Okta:AccessToken is set. Set one (e.g. with the environment variable SLACK_OIG_SYNC_Okta__ApiToken or Okta:ApiTokenFile), or set Okta:AuthMode=PrivateKey for an API Services app.");
            }
        }

        foreach (var (setting, token) in new[] { ("Okta:ApiToken", okta.ApiToken), ("Okta:AccessToken", okta.AccessToken) })
        {
            if (HasWhitespaceInside(token))
            {
                problems.Add(WhitespaceInside(setting));
            }
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

        problems.AddRange(ValidateLimits(settings.Sync, settings.Http));
        problems.AddRange(Alerts.AlertSettingsValidator.Validate(settings.Alerts));
        problems.AddRange(RoleCatalogue.Load(settings.Sync.RoleCataloguePath).Problems);
        return problems;
    }

    /// <summary>Numeric and duration settings outside the bounds this sync works within.</summary>
    public static List<string> ValidateLimits(SyncSettings sync, HttpResilienceSettings http)
    {
        var problems = new List<string>();
        var defaults = (Sync: new SyncSettings(), Http: new HttpResilienceSettings());
        if (!(sync.MaxRevocationShare is >= 0 and <= 1))
        {
            problems.Add(Invariant($"Sync:MaxRevocationShare ({sync.MaxRevocationShare}) must be between 0 and 1: it is the largest share of managed grants one run may revoke, e.g. {defaults.Sync.MaxRevocationShare} for 20%."));
        }

        if (sync.MaxRevocations < 0)
        {
            problems.Add(Invariant($"Sync:MaxRevocations ({sync.MaxRevocations}) must be 0 or more: it is the largest number of grants one run may revoke, e.g. {defaults.Sync.MaxRevocations}."));
        }

        CheckDuration(problems, "Sync:LeaseDuration", sync.LeaseDuration, MinimumLease, MaximumLease, "how long a run's lease on the database lasts without renewal", defaults.Sync.LeaseDuration);
        if (http.MaxRetries is < MinimumRetries or > MaximumRetries)
        {
            problems.Add(Invariant($"Http:MaxRetries ({http.MaxRetries}) must be between {MinimumRetries} and {MaximumRetries}: it is how often one failed call is retried, e.g. {defaults.Http.MaxRetries}."));
        }

        CheckDuration(problems, "Http:BaseDelay", http.BaseDelay, null, MaximumBaseDelay, "the wait before the first retry, doubled for each next one", defaults.Http.BaseDelay);
        CheckDuration(problems, "Http:AttemptTimeout", http.AttemptTimeout, null, MaximumAttemptTimeout, "how long one HTTP attempt may take", defaults.Http.AttemptTimeout);
        if (http.RetryBudgetPerRun < 0)
        {
            problems.Add(Invariant($"Http:RetryBudgetPerRun ({http.RetryBudgetPerRun}) must be 0 or more: it is the retries one run may spend across all calls, e.g. {defaults.Http.RetryBudgetPerRun}."));
        }

        if (!(http.RateLimitReserve is >= 0 and <= MaximumRateLimitReserve))
        {
            problems.Add(Invariant($"Http:RateLimitReserve ({http.RateLimitReserve}) must be between 0 and {MaximumRateLimitReserve}: it is the share of an Okta rate limit kept in reserve (0 turns pacing off), e.g. {defaults.Http.RateLimitReserve}."));
        }

        if (http.MaxPagesPerListing < 1)
        {
            problems.Add(Invariant($"Http:MaxPagesPerListing ({http.MaxPagesPerListing}) must be 1 or more: it is the most pages one listing may take, e.g. {defaults.Http.MaxPagesPerListing}."));
        }

        if (http.MaxResponseBytes is < MinimumResponseBytes or > MaximumResponseBytes)
        {
            problems.Add(Invariant($"Http:MaxResponseBytes ({http.MaxResponseBytes}) must be between {MinimumResponseBytes} (1 MiB) and {MaximumResponseBytes} (1 GiB): it is the largest answer body read, e.g. {defaults.Http.MaxResponseBytes} (32 MiB)."));
        }

        return problems;
    }

    /// <summary>At least one retry: the retry pipeline refuses zero attempts (Polly's MaxRetryAttempts is 1 or more).</summary>
    public const int MinimumRetries = 1;
    public const int MaximumRetries = 20;
    public const double MaximumRateLimitReserve = 0.5;
    public const long MinimumResponseBytes = 1L << 20;
    public const long MaximumResponseBytes = 1L << 30;
    public static readonly TimeSpan MinimumLease = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaximumLease = TimeSpan.FromDays(1);
    public static readonly TimeSpan MaximumBaseDelay = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaximumAttemptTimeout = TimeSpan.FromMinutes(10);

    /// <param name="minimum">The shortest allowed; null for "more than zero".</param>
    private static void CheckDuration(List<string> problems, string setting, TimeSpan value, TimeSpan? minimum, TimeSpan maximum, string meaning, TimeSpan example)
    {
        var tooShort = minimum is { } least ? value < least : value <= TimeSpan.Zero;
        if (!tooShort && value <= maximum)
        {
            return;
        }

        var range = minimum is { } low ? $"between {SettingsBinder.DescribeDuration(low)} and {SettingsBinder.DescribeDuration(maximum)}" : $"more than 0 and at most {SettingsBinder.DescribeDuration(maximum)}";
        var days = value >= TimeSpan.FromDays(1) ? " (a bare number such as 5 is read as days)" : string.Empty;
        problems.Add($"{setting} ({SettingsBinder.DescribeDuration(value)}) must be {range}{days}: it is {meaning}, e.g. {SettingsBinder.DescribeDuration(example)}.");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static bool HasWhitespaceInside(string? token) => token is not null && token.Trim().Any(char.IsWhiteSpace);

    private static string WhitespaceInside(string setting) =>
        $"{setting} has whitespace inside it (value not shown); a token is one unbroken string, so check that the secret holds only the token, on one line.";

    /// <summary>What an org URL has besides scheme, host and port ("the path /admin"), or null.</summary>
    private static string? NotOrigin(Uri uri) =>
        uri.AbsolutePath != "/" ? $"the path {uri.AbsolutePath}"
        : uri.Query.Length > 0 ? $"the query {uri.Query}"
        : uri.Fragment.Length > 0 ? $"the fragment {uri.Fragment}"
        : null;

    /// <summary>Problems with the daemon's schedule; checked only by the daemon command.</summary>
    public static List<string> ValidateSchedule(ScheduleSettings schedule)
    {
        var problems = new List<string>();
        TimeZoneInfo? zone = null;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            problems.Add($"Schedule:TimeZone '{schedule.TimeZone}' is not a known IANA time zone. Use an id such as UTC or Europe/Paris.");
        }

        if (!string.IsNullOrWhiteSpace(schedule.Cron))
        {
            // Schedule:Cron wins over Schedule:DailyAt (a shorthand that config/appsettings.json sets), so DailyAt is not checked.
            if (CronProblem(schedule.Cron.Trim(), zone ?? TimeZoneInfo.Utc) is { } problem)
            {
                problems.Add(problem);
            }
        }
        else if (!TimeOnly.TryParseExact(schedule.DailyAt, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            problems.Add($"Schedule:DailyAt '{schedule.DailyAt}' is not a time of day. Use HH:mm, e.g. 02:00.");
        }

        return problems;
    }

    private const string CronExample = "e.g. '0 2 * * *' for 02:00 every day or '0 */6 * * *' for every six hours";

    /// <summary>Why Schedule:Cron cannot drive the daemon, in one sentence, or null.</summary>
    private static string? CronProblem(string cron, TimeZoneInfo zone)
    {
        const string Fields = "use five fields (minute hour day-of-month month day-of-week), or six with seconds first";
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (!cron.StartsWith('@') && fields is not (5 or 6))
        {
            return $"Schedule:Cron '{cron}' is not a cron expression (it has {fields} field{(fields == 1 ? string.Empty : "s")}); {Fields}, {CronExample}.";
        }

        try
        {
            return Hosting.CronSchedule.Parse(cron).GetNextOccurrence(DateTimeOffset.UtcNow, zone) is null
                ? $"Schedule:Cron '{cron}' never occurs (no such date in any year); use a date that exists, {CronExample}."
                : null;
        }
        catch (Cronos.CronFormatException e)
        {
            // Cronos says "The given cron expression has an invalid format. Hours: Value must be …": keep the detail, as a clause.
            var detail = e.Message.Replace("The given cron expression has an invalid format.", string.Empty, StringComparison.Ordinal).Trim().TrimEnd('.');
            return $"Schedule:Cron '{cron}' is not a cron expression ({(detail.Length > 0 ? detail.Replace(": Value", ": value", StringComparison.Ordinal) : "invalid format")}); {Fields}, {CronExample}.";
        }
    }

    /// <summary>The URL when it is a usable absolute http(s) URL; otherwise adds the problem and returns null.</summary>
    private static Uri? CheckUrl(List<string> problems, string setting, string? value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            problems.Add($"{setting} '{value}' is not an absolute http(s) URL.");
        }
        else if (uri.UserInfo.Length > 0)
        {
            problems.Add($"{setting} carries a user name or password before the host (value not shown); remove it: tokens belong in Slack:Token, Okta:ApiToken or Okta:AccessToken.");
        }
        else if (uri.Scheme == "http" && !uri.IsLoopback)
        {
            problems.Add($"{setting} '{value}' uses plain HTTP. Tokens would cross the network unencrypted: use https (plain http is allowed only for loopback addresses such as a local sandbox).");
        }
        else
        {
            return uri;
        }

        return null;
    }

    /// <summary>The database's directory, or the nearest one that exists (the database's start creates the rest), must be writable; nothing is created here.</summary>
    private static void CheckDatabasePath(List<string> problems, string path)
    {
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            while (!Directory.Exists(directory) && Path.GetDirectoryName(directory) is { } parent)
            {
                if (File.Exists(directory))
                {
                    throw new IOException($"'{directory}' is a file, not a directory");
                }

                directory = parent;
            }

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

    /// <summary>PrivateKey mode: a client id, a key this worker can sign with, scopes; and no API token left over from ApiToken mode.</summary>
    private static void ValidateServiceApp(List<string> problems, OktaSettings okta)
    {
        if (!string.IsNullOrWhiteSpace(okta.ApiToken) || !string.IsNullOrWhiteSpace(okta.AccessToken))
        {
            problems.Add("Okta:AuthMode is PrivateKey, but Okta:ApiToken or Okta:AccessToken is also set; remove it, so that it is clear which credential the worker uses.");
        }

        if (string.IsNullOrWhiteSpace(okta.ClientId))
        {
            problems.Add("Okta:ClientId is not set. With Okta:AuthMode=PrivateKey, set it to the API Services app's client id (0oa…, on the app's General tab).");
        }
        else if (!OktaAppId().IsMatch(okta.ClientId))
        {
            problems.Add($"Okta:ClientId '{okta.ClientId}' is not an Okta client id: expected 20 letters and digits starting with 0oa (the API Services app's client id, on its General tab).");
        }

        if (string.IsNullOrWhiteSpace(okta.PrivateKeyPath))
        {
            problems.Add("Okta:PrivateKeyPath is not set. With Okta:AuthMode=PrivateKey, set it to the file holding the app's private key (PEM or JWK JSON), e.g. a mounted secret.");
        }
        else if (Okta.OAuth.SigningKey.Load(okta.PrivateKeyPath, okta.KeyId).Problem is { } keyProblem)
        {
            problems.Add(keyProblem);
        }

        var scopes = okta.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (scopes.Length == 0 || scopes.Any(s => !s.StartsWith("okta.", StringComparison.Ordinal)))
        {
            problems.Add($"Okta:Scopes '{okta.Scopes}' must be Okta API scopes separated by spaces, e.g. {OktaSettings.LeastScopes} (the default).");
        }
    }
}
