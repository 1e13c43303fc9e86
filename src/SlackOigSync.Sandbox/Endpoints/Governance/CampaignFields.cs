using System.Text.Json;
using System.Text.Json.Nodes;
using SlackOigSync.Sandbox.Infrastructure;

namespace SlackOigSync.Sandbox.Endpoints.Governance;

/// <summary>Required and optional string fields of a campaign body, and Okta's 400 E0000001 refusals with their location.</summary>
internal static class CampaignFields
{
    public static IResult? RequiredString(JsonObject json, string field, string location, int maxLength, out string? value)
    {
        value = null;
        if (json[field] is null)
        {
            return Missing(location);
        }

        return OptionalString(json, field, location, maxLength, out value) ?? (value!.Length == 0 ? Missing(location) : null);
    }

    public static IResult? OptionalString(JsonObject json, string field, string location, int maxLength, out string? value)
    {
        value = null;
        if (json[field] is null)
        {
            return null;
        }

        if (json[field]!.GetValueKind() != JsonValueKind.String)
        {
            return Invalid(location, "must be a string");
        }

        value = json[field]!.GetValue<string>();
        return value.Length > maxLength ? Invalid(location, $"must be at most {maxLength} characters") : null;
    }

    public static IResult Missing(string location) => OktaErrors.ValidationFailed("must have required field", location);

    public static IResult Invalid(string location, string detail) =>
        OktaErrors.Error(400, "E0000001", $"Api validation failed: {location} {detail}", (detail, "INVALID_VALUE", location));

    public static IResult NotFound(string id, string location) =>
        OktaErrors.Error(400, "E0000001", $"Api validation failed: {location} {id} not found", ($"{id} not found", "IDENTIFIER_NOT_FOUND", location));

    /// <summary>Valid for Okta but beyond what the sandbox models: refused, so a test never passes on settings nobody honoured.</summary>
    public static IResult NotEmulated(string location, string what) =>
        Invalid(location, $"{what}: not emulated by the sandbox");
}
