using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace SlackOigSync.Configuration;

/// <summary>
/// Validates the settings at start (before the first API call) for what the command needs: a value of the wrong
/// type first; then, for a command that calls the APIs, every setting (<see cref="SettingsValidator"/>), the output,
/// the schedule for the daemon and the Campaign section for 'campaign create'. Each failure is one sentence.
/// </summary>
public sealed class SettingsValidation(SettingsBinding binding, CommandNeeds needs, IConfiguration configuration) : IValidateOptions<AppSettings>
{
    public ValidateOptionsResult Validate(string? name, AppSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (binding.Problems.Count > 0)
        {
            return ValidateOptionsResult.Fail(binding.Problems);
        }

        if (!needs.Apis)
        {
            return ValidateOptionsResult.Success;
        }

        var problems = SettingsValidator.Validate(options);
        if (OutputSettings.Bind(configuration).Problem is { } outputProblem)
        {
            problems.Add(outputProblem);
        }

        if (needs.Schedule)
        {
            problems.AddRange(SettingsValidator.ValidateSchedule(options.Schedule));
        }

        if (needs.CampaignName is { } campaignName)
        {
            problems.AddRange(Governance.CampaignBody.Problems(options.Campaign, campaignName));
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
