using System.Text.Json;
using System.Text.Json.Nodes;
using static SlackOigSync.Sandbox.Endpoints.Governance.CampaignFields;

namespace SlackOigSync.Sandbox.Endpoints.Governance;

/// <summary>Reads a campaign's principalScopeSettings: which users are reviewed (USERS only; groups and expressions are not emulated).</summary>
internal static class CampaignScopeRequest
{
    public static IResult? Read(JsonObject scope, out HashSet<string>? excluded, out HashSet<string>? userIds, out bool onlyActive)
    {
        excluded = null;
        userIds = null;
        onlyActive = scope["includeOnlyActiveUsers"]?.GetValueKind() == JsonValueKind.True;
        if (RequiredString(scope, "type", "/principalScopeSettings/type", 20, out var type) is { } typeError)
        {
            return typeError;
        }

        if (type != "USERS")
        {
            return Invalid("/principalScopeSettings/type", $"{type} is not one of USERS");
        }

        foreach (var unsupported in new[] { "userScopeExpression", "predefinedInactiveUsersScope", "onlyIncludeUsersWithSODConflicts" })
        {
            if (scope[unsupported] is { } given && given.GetValueKind() != JsonValueKind.False)
            {
                return NotEmulated($"/principalScopeSettings/{unsupported}", unsupported);
            }
        }

        if (scope["groupIds"] is JsonArray { Count: > 0 })
        {
            return NotEmulated("/principalScopeSettings/groupIds", "groups");
        }

        if (ReadIds(scope, "excludedUserIds", 50, out excluded) is { } excludedError)
        {
            return excludedError;
        }

        return ReadIds(scope, "userIds", 100, out userIds);
    }

    private static IResult? ReadIds(JsonObject scope, string field, int max, out HashSet<string>? ids)
    {
        ids = new HashSet<string>(StringComparer.Ordinal);
        if (scope[field] is null)
        {
            return null;
        }

        if (scope[field] is not JsonArray array || array.Any(i => i?.GetValueKind() != JsonValueKind.String))
        {
            return Invalid($"/principalScopeSettings/{field}", "must be an array of Okta user ids");
        }

        if (array.Count > max)
        {
            return Invalid($"/principalScopeSettings/{field}", $"holds at most {max} users");
        }

        ids.UnionWith(array.Select(i => i!.GetValue<string>()));
        return null;
    }
}
