using SlackOigSync.Configuration;

namespace SlackOigSync.Sync;

/// <summary>
/// The identity of the run and of the OIG objects it manages. EntitlementId is null while the entitlement does not
/// exist; the applier then creates it as <see cref="NewEntitlementName"/> with <see cref="EntitlementExternalValue"/>.
/// </summary>
public sealed record RunContext(string ExecutionId, string AppId, string? EntitlementId)
{
    public string NewEntitlementName { get; init; } = "Slack System Role";

    public string EntitlementExternalValue { get; init; } = "slack_system_role";

    /// <summary>A run of the configured app and entitlement; <paramref name="entitlementId"/> is null when OIG has none yet.</summary>
    public static RunContext For(string executionId, AppSettings settings, string? entitlementId) => new(executionId, settings.Okta.SlackAppId!, entitlementId)
    {
        NewEntitlementName = settings.Sync.EntitlementName, EntitlementExternalValue = settings.Sync.EntitlementExternalValue,
    };
}
