using SlackOigSync.Sandbox.Seed;
using SlackOigSync.Sandbox.State;
using static SlackOigSync.Sandbox.Endpoints.Control.ControlResults;

namespace SlackOigSync.Sandbox.Endpoints.Control;

/// <summary>
/// Control endpoints for the emulated OIG (no auth, like all of /_sandbox): add a grant of any type and status, list
/// grants of every status, turn an app's entitlement management on or off. Campaigns have <see cref="CampaignControlEndpoints"/>.
/// </summary>
internal static class GovernanceControlEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/_sandbox/oig");
        control.MapPost("grants", (SeedGrant g, SandboxState s) => Locked(s, () =>
        {
            var status = g.Status ?? "ACTIVE";
            if (!SeedGrant.Statuses.Contains(status))
            {
                return Refuse($"status must be one of {string.Join(", ", SeedGrant.Statuses)}");
            }

            return OigGrantChanges.AddAsGiven(s, g.Id, g.GrantType, g.AppId, g.UserId, g.Actor, g.EntitlementBundleId, status, g.Values, out var grant)
                ? Results.Ok(new { id = grant.Id })
                : Results.Conflict();
        })).WithName("control:add-grant");
        control.MapPut("grants/listing", (GrantListing body, SandboxState s) => Locked(s, () =>
        {
            s.ListGrantsOfEveryStatus = body.EveryStatus;
            return Results.NoContent();
        })).WithName("control:grant-listing");
        control.MapPut("apps/{appId}/governance", (string appId, GovernanceSwitch body, SandboxState s) => Locked(s, () =>
        {
            s.SetGovernanceEnabled(appId, body.Enabled);
            return Results.NoContent();
        })).WithName("control:governance-switch");
    }

    internal sealed record GovernanceSwitch(bool Enabled);

    /// <summary>EveryStatus: list grants of every status; false lists ACTIVE ones only, as Okta documents.</summary>
    internal sealed record GrantListing(bool EveryStatus);
}
