using System.Text.Json;
using System.Text.Json.Nodes;
using SlackOigSync.Sandbox.State;
using static SlackOigSync.Sandbox.Endpoints.Governance.CampaignFields;

namespace SlackOigSync.Sandbox.Endpoints.Governance;

/// <summary>Reads a campaign's resourceSettings into its targets: apps that exist, their entitlements and values.</summary>
internal static class CampaignTargetRequest
{
    private static readonly string[] ResourceTypes = ["GROUP", "APPLICATION", "APPLICATION_AND_GROUP", "OKTA_SERVICE_ACCOUNT", "APP_SERVICE_ACCOUNT", "COLLECTION"];

    public static IResult? Read(JsonObject resources, SandboxState state, out List<CampaignTarget>? targets)
    {
        targets = null;
        if (OptionalString(resources, "type", "/resourceSettings/type", 40, out var type) is { } typeError)
        {
            return typeError;
        }

        var targetTypes = new List<string>();
        if (type is not null)
        {
            targetTypes.Add(type);
        }

        if (resources["targetTypes"] is JsonArray listed)
        {
            targetTypes.AddRange(listed.Select(t => t?.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : "(not a string)"));
        }

        if (targetTypes.Count == 0)
        {
            return Missing("/resourceSettings/targetTypes");
        }

        if (targetTypes.FirstOrDefault(t => !ResourceTypes.Contains(t)) is { } unknown)
        {
            return Invalid("/resourceSettings/targetTypes", $"{unknown} is not one of {string.Join(", ", ResourceTypes)}");
        }

        if (targetTypes.Any(t => t != "APPLICATION"))
        {
            return NotEmulated("/resourceSettings/targetTypes", "resource types other than APPLICATION");
        }

        // Which resources a RESOURCE campaign reviews: without any, there is nothing to certify (a guess: the spec does
        // not mark targetResources required, but every resource-campaign example names some).
        if (resources["targetResources"] is not JsonArray items || items.Count == 0)
        {
            return Missing("/resourceSettings/targetResources");
        }

        // "includeEntitlements: If true, include entitlements for the app" (default false): without it, Okta reviews the
        // app's assignments, which the sandbox does not emulate, so such a campaign gets no entitlement reviews at all.
        var includeEntitlements = resources["includeEntitlements"]?.GetValueKind() == JsonValueKind.True;
        targets = [];
        for (var i = 0; i < items.Count; i++)
        {
            var at = $"/resourceSettings/targetResources/{i}";
            if (items[i] is not JsonObject item)
            {
                return Invalid(at, "must be an object");
            }

            if (RequiredString(item, "resourceId", at + "/resourceId", 36, out var appId) is { } idError)
            {
                return idError;
            }

            if (OptionalString(item, "resourceType", at + "/resourceType", 40, out var resourceType) is { } resourceTypeError)
            {
                return resourceTypeError;
            }

            if (resourceType is not null and not "APPLICATION")
            {
                return NotEmulated(at + "/resourceType", $"{resourceType} resources");
            }

            if (!state.AppExists(appId!))
            {
                return NotFound(appId!, at + "/resourceId");
            }

            var all = item["includeAllEntitlementsAndBundles"]?.GetValueKind() == JsonValueKind.True;
            var entitlements = new Dictionary<string, List<string>?>(StringComparer.Ordinal);
            var listedEntitlements = item["entitlements"] as JsonArray ?? [];
            if ((all || listedEntitlements.Count > 0) && !state.GovernanceEnabledApps.Contains(appId!))
            {
                return Invalid(at + "/entitlements", $"entitlement management is not enabled on {appId}");
            }

            for (var j = 0; j < listedEntitlements.Count; j++)
            {
                var entitlementAt = $"{at}/entitlements/{j}";
                if (RequiredString(listedEntitlements[j] as JsonObject ?? new JsonObject(), "id", entitlementAt + "/id", 20, out var entitlementId) is { } entitlementIdError)
                {
                    return entitlementIdError;
                }

                if (state.Entitlements.Find(entitlementId!) is not { } entitlement || entitlement.AppId != appId)
                {
                    return NotFound(entitlementId!, entitlementAt + "/id");
                }

                // includeAllValues false (or absent) needs values: "If false, you must specify the values property."
                if (listedEntitlements[j]!["includeAllValues"]?.GetValueKind() == JsonValueKind.True)
                {
                    entitlements[entitlementId!] = null;
                    continue;
                }

                if (listedEntitlements[j]!["values"] is not JsonArray values || values.Count == 0)
                {
                    return Missing(entitlementAt + "/values");
                }

                var valueIds = new List<string>();
                for (var k = 0; k < values.Count; k++)
                {
                    if (RequiredString(values[k] as JsonObject ?? new JsonObject(), "id", $"{entitlementAt}/values/{k}/id", 20, out var valueId) is { } valueIdError)
                    {
                        return valueIdError;
                    }

                    if (entitlement.Values.All(v => v.Id != valueId))
                    {
                        return NotFound(valueId!, $"{entitlementAt}/values/{k}/id");
                    }

                    valueIds.Add(valueId!);
                }

                entitlements[entitlementId!] = valueIds;
            }

            targets.Add(includeEntitlements ? new CampaignTarget(appId!, all, entitlements) : new CampaignTarget(appId!, false, []));
        }

        return null;
    }
}
