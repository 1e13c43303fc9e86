namespace SlackOigSync.Configuration;

/// <summary>
/// Reads the secret settings given as files (Slack:TokenFile, Okta:ApiTokenFile, Okta:AccessTokenFile,
/// Alerts:SlackWebhookUrlFile, Alerts:SlackBotTokenFile), as Kubernetes
/// and systemd hand secrets over: trailing whitespace is trimmed, a file others may read draws a warning, and a
/// setting given both ways is refused. The secret's value is never repeated.
/// </summary>
public static class SecretFiles
{
    public static void Read(AppSettings settings, List<string> problems, List<string> notices)
    {
        settings.Slack.Token = Read("Slack:Token", settings.Slack.Token, settings.Slack.TokenFile, problems, notices);
        settings.Okta.ApiToken = Read("Okta:ApiToken", settings.Okta.ApiToken, settings.Okta.ApiTokenFile, problems, notices);
        settings.Okta.AccessToken = Read("Okta:AccessToken", settings.Okta.AccessToken, settings.Okta.AccessTokenFile, problems, notices);
        settings.Alerts.SlackWebhookUrl = Read("Alerts:SlackWebhookUrl", settings.Alerts.SlackWebhookUrl, settings.Alerts.SlackWebhookUrlFile, problems, notices);
        settings.Alerts.SlackBotToken = Read("Alerts:SlackBotToken", settings.Alerts.SlackBotToken, settings.Alerts.SlackBotTokenFile, problems, notices);
    }

    /// <summary>Warns when a file holding a secret (a token, a private key) can be read by users other than its owner and group.</summary>
    public static void WarnIfReadableByOthers(string setting, string path, List<string> notices)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.OtherRead) != 0)
        {
            notices.Add($"Warning: {setting} '{path}' can be read by every user of this machine; restrict it, e.g. chmod 600 (or 640 for a group).");
        }
    }

    private static string? Read(string setting, string? value, string? path, List<string> problems, List<string> notices)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return value;
        }

        if (!string.IsNullOrEmpty(value))
        {
            problems.Add($"{setting} and {setting}File are both set; set only one (the file, for a mounted secret).");
            return value;
        }

        if (Directory.Exists(path))
        {
            problems.Add($"{setting}File '{path}' is a directory; point it at the secret's file inside it.");
            return null;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            problems.Add($"{setting}File '{path}' cannot be read ({Reason(e)}); point it at the secret's file, readable by this user.");
            return null;
        }

        var secret = text.TrimEnd();
        if (secret.Length == 0)
        {
            problems.Add($"{setting}File '{path}' is empty; write the secret into it, or set {setting} instead.");
            return null;
        }

        WarnIfReadableByOthers($"{setting}File", path, notices);
        return secret;
    }

    private static string Reason(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file",
        UnauthorizedAccessException => "permission denied",
        _ => e.GetType().Name,
    };
}
