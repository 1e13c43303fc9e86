using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using SlackOigSync.Http;

namespace SlackOigSync.Configuration;

/// <summary>What binding the configuration produced: the settings, one sentence per unusable setting, and notices.</summary>
/// <param name="Problems">Settings whose value cannot be read as its type; when any, <paramref name="Settings"/> must not be used.</param>
/// <param name="Notices">Things corrected on the way (e.g. a token trimmed), worth one line on stderr; never a secret's value.</param>
public sealed record BindResult(AppSettings Settings, List<string> Problems, List<string> Notices);

/// <summary>
/// Binds the configuration sections to the settings classes with the standard binder, after checking every known key
/// on its own, so that each value that is not of its setting's type is one sentence (setting, value, expected format)
/// instead of the binder's exception for the first one. Unknown keys are ignored.
/// </summary>
public static class SettingsBinder
{
    /// <summary>Settings whose values are secrets: never repeated in a message.</summary>
    public static readonly IReadOnlySet<string> SecretSettings = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Slack:Token", "Okta:ApiToken", "Okta:AccessToken", "Alerts:SlackWebhookUrl", "Alerts:SlackBotToken",
    };

    public static BindResult Bind(IConfiguration configuration)
    {
        var problems = new List<string>();
        var notices = new List<string>();
        var slack = BindSection<SlackSettings>(configuration, "Slack", problems);
        var okta = BindSection<OktaSettings>(configuration, "Okta", problems);
        var sync = BindSection<SyncSettings>(configuration, "Sync", problems);
        var schedule = BindSection<ScheduleSettings>(configuration, "Schedule", problems);
        var http = BindSection<HttpResilienceSettings>(configuration, "Http", problems);
        var alerts = BindSection<Alerts.AlertSettings>(configuration, "Alerts", problems);

        var campaign = BindSection<CampaignSettings>(configuration, "Campaign", problems);
        var settings = new AppSettings(slack, okta, sync, schedule, http) { Campaign = campaign, Alerts = alerts };
        SecretFiles.Read(settings, problems, notices);
        if (okta.AuthMode == OktaAuthMode.PrivateKey && File.Exists(okta.PrivateKeyPath))
        {
            SecretFiles.WarnIfReadableByOthers("Okta:PrivateKeyPath", okta.PrivateKeyPath, notices);
        }

        slack.Token = TrimToken("Slack:Token", slack.Token, notices);
        okta.ApiToken = StripScheme("Okta:ApiToken", TrimToken("Okta:ApiToken", okta.ApiToken, notices), "SSWS", notices);
        okta.AccessToken = StripScheme("Okta:AccessToken", TrimToken("Okta:AccessToken", okta.AccessToken, notices), "Bearer", notices);
        alerts.SlackWebhookUrl = TrimToken("Alerts:SlackWebhookUrl", alerts.SlackWebhookUrl, notices);
        alerts.SlackBotToken = TrimToken("Alerts:SlackBotToken", alerts.SlackBotToken, notices);

        // Every command opens the database, even history and show, which skip the rest of the validation.
        if (string.IsNullOrWhiteSpace(sync.DatabasePath))
        {
            problems.Add("Sync:DatabasePath is empty. Set it to the SQLite file the sync keeps its state in, e.g. data/slack-oig-sync.db.");
        }

        return new BindResult(settings, problems, notices);
    }

    private static T BindSection<T>(IConfiguration configuration, string name, List<string> problems)
        where T : class, new()
    {
        var section = configuration.GetSection(name);
        if (!string.IsNullOrEmpty(section.Value))
        {
            // The binder would ignore it; the value is not repeated, as it may be a token set in the wrong place.
            problems.Add($"{name} is a single value, but it must be a section of settings, e.g. \"{name}\": {{ … }} in the configuration file or --set {name}:Key=value.");
        }

        var children = section.GetChildren().ToList();
        var defaults = new T();
        if (children.Count == 0)
        {
            return defaults;
        }

        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToList();
        var before = problems.Count;
        foreach (var child in children)
        {
            var property = properties.FirstOrDefault(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            if (property is not null && Check($"{name}:{property.Name}", property.PropertyType, child, property.GetValue(defaults)) is { } problem)
            {
                problems.Add(problem);
            }
        }

        if (problems.Count > before)
        {
            return defaults;
        }

        try
        {
            return section.Get<T>(options => options.ErrorOnUnknownConfiguration = false) ?? defaults;
        }
        catch (InvalidOperationException)
        {
            // The checks above mirror the binder's conversions, so this is not expected; the binder's own message may
            // repeat a value, so it is not passed on.
            problems.Add($"The {name} section could not be read as settings; check each of its values against config/appsettings.json.");
            return defaults;
        }
    }

    /// <summary>The problem with one key's value for a property of <paramref name="type"/>, or null.</summary>
    internal static string? Check(string setting, Type type, IConfigurationSection child, object? defaultValue)
    {
        var secret = SecretSettings.Contains(setting);
        if (child.Value is null)
        {
            // A JSON object or array where one value belongs.
            return child.GetChildren().Any()
                ? $"{setting} is a section or a list, but it must be a single value{(secret ? string.Empty : $" ({Expectation(type, defaultValue)})")}."
                : null;
        }

        if (type == typeof(string))
        {
            return null;
        }

        var value = child.Value;
        if (value.Trim().Length == 0)
        {
            return $"{setting} is empty; set {Expectation(type, defaultValue)}, or remove the setting to use the default.";
        }

        if (type.IsEnum)
        {
            // Names only: the converter would also take numbers and comma-separated combinations.
            var names = Enum.GetNames(type);
            return names.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase)
                ? null
                : $"{setting} '{value}' is not one of {string.Join(", ", names)}; set {Expectation(type, defaultValue)}.";
        }

        try
        {
            // The converter the standard binder uses, so what passes here binds there.
            _ = TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            return null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException or NotSupportedException)
        {
            return e is OverflowException || e.InnerException is OverflowException
                ? $"{setting} '{value}' is too large or too small to be read; set {Expectation(type, defaultValue)}."
                : $"{setting} '{value}' is not {Noun(type)}; set {Expectation(type, defaultValue)}.";
        }
    }

    private static string Noun(Type type) => type switch
    {
        _ when type == typeof(int) || type == typeof(long) => "a whole number",
        _ when type == typeof(double) => "a number",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(TimeSpan) => "a duration",
        _ => $"a {type.Name}",
    };

    private static string Expectation(Type type, object? defaultValue)
    {
        var example = defaultValue switch
        {
            TimeSpan span => DescribeDuration(span),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            null => null,
            _ => defaultValue.ToString(),
        };
        var suffix = example is null ? string.Empty : $", e.g. {example} (the default)";
        return type switch
        {
            _ when type == typeof(int) || type == typeof(long) => $"a whole number in digits{suffix}",
            _ when type == typeof(double) => $"a decimal number with a dot{suffix}",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(TimeSpan) => $"a duration as hh:mm:ss or hh:mm:ss.fff{suffix}",
            _ when type.IsEnum => $"one of {string.Join(", ", Enum.GetNames(type))}{suffix}",
            _ => $"a single value{suffix}",
        };
    }

    /// <summary>A duration as hh:mm:ss, with .fff when it has milliseconds (d.hh:mm:ss from a day on).</summary>
    public static string DescribeDuration(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerMillisecond != 0 || span < TimeSpan.Zero || span >= TimeSpan.FromDays(1)
            ? span.ToString("c", CultureInfo.InvariantCulture)
            : span.ToString(span.Milliseconds == 0 ? @"hh\:mm\:ss" : @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);

    /// <summary>
    /// A token pasted with its header scheme ("SSWS 00ab…", as an Authorization header shows it) is taken without it:
    /// the scheme is added when the header is made, and sending it twice would be refused as an invalid token.
    /// </summary>
    private static string? StripScheme(string setting, string? token, string scheme, List<string> notices)
    {
        if (token is null || !token.StartsWith(scheme + " ", StringComparison.OrdinalIgnoreCase))
        {
            return token;
        }

        notices.Add($"Notice: {setting} started with '{scheme} ', the header scheme, which is added when the token is sent; it was removed.");
        return token[(scheme.Length + 1)..].TrimStart();
    }

    private static string? TrimToken(string setting, string? token, List<string> notices)
    {
        if (token is null)
        {
            return null;
        }

        var trimmed = token.Trim();
        if (trimmed.Length != token.Length && trimmed.Length > 0)
        {
            notices.Add($"Notice: {setting} had whitespace around it (such as the newline at the end of a secret file); it was trimmed.");
        }

        return trimmed;
    }
}
