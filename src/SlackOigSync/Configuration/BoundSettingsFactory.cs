using Microsoft.Extensions.Options;

namespace SlackOigSync.Configuration;

/// <summary>
/// Makes <c>IOptions&lt;AppSettings&gt;</c> from <see cref="SettingsBinding"/> (which reports each badly typed value
/// as a sentence instead of throwing on the first), then runs the registered <see cref="IValidateOptions{AppSettings}"/>
/// as the options framework does.
/// </summary>
public sealed class BoundSettingsFactory(
    SettingsBinding binding,
    IEnumerable<IConfigureOptions<AppSettings>> setups,
    IEnumerable<IPostConfigureOptions<AppSettings>> postConfigures,
    IEnumerable<IValidateOptions<AppSettings>> validations)
    : OptionsFactory<AppSettings>(setups, postConfigures, validations)
{
    protected override AppSettings CreateInstance(string name) => binding.Settings;
}
