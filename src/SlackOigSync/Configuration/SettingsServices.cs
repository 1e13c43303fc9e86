using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SlackOigSync.Http;

namespace SlackOigSync.Configuration;

/// <summary>Registers the settings as options, bound from the configuration and validated when the host starts.</summary>
public static class SettingsServices
{
    public static IServiceCollection AddSyncSettings(this IServiceCollection services, IConfiguration configuration, CommandNeeds needs)
    {
        services.AddSingleton(needs);
        services.AddSingleton(new SettingsBinding(configuration));
        services.AddSingleton<IOptionsFactory<AppSettings>, BoundSettingsFactory>();
        services.AddSingleton<IValidateOptions<AppSettings>>(sp => new SettingsValidation(sp.GetRequiredService<SettingsBinding>(), needs, configuration));
        services.AddOptions<AppSettings>().ValidateOnStart();

        // The classes take the sections they use; each is the validated instance.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AppSettings>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<AppSettings>().Http);
        services.AddSingleton(sp => sp.GetRequiredService<AppSettings>().Alerts);
        services.AddSingleton(OutputSettings.Bind(configuration).Settings);
        return services;
    }
}
