using Microsoft.Extensions.Configuration;
using SlackOigSync.Http;

namespace SlackOigSync.Configuration;

/// <summary>
/// The configuration bound once (by <see cref="SettingsBinder"/>): the settings, one sentence per value that is not of
/// its setting's type, and notices. Binding also tells <see cref="SecretScrubber"/> the secrets, so that no later
/// message repeats one.
/// </summary>
public sealed class SettingsBinding(IConfiguration configuration)
{
    private readonly Lazy<BindResult> bound = new(() =>
    {
        var result = SettingsBinder.Bind(configuration);
        SecretScrubber.Remember(result.Settings.Slack.Token, result.Settings.Okta.ApiToken, result.Settings.Okta.AccessToken);
        SecretScrubber.Remember([.. result.Settings.Alerts.Secrets()]);
        return result;
    });

    public AppSettings Settings => bound.Value.Settings;

    /// <summary>Settings whose value cannot be read as its type; when any, <see cref="Settings"/> must not be used.</summary>
    public IReadOnlyList<string> Problems => bound.Value.Problems;

    /// <summary>Things corrected on the way (a token trimmed, a key file others can read); never a secret's value.</summary>
    public IReadOnlyList<string> Notices => bound.Value.Notices;
}
