using System.Text.Json;
using SlackOigSync.Sandbox.Seed;
using SlackOigSync.Sandbox.State;

namespace SlackOigSync.Sandbox.Endpoints.Control;

/// <summary>
/// The sandbox's own API under /_sandbox: GET state reads the whole state (in the seed file's shape); the rest is by
/// resource (<see cref="SlackControlEndpoints"/>, <see cref="OktaControlEndpoints"/>, <see cref="GovernanceControlEndpoints"/>,
/// <see cref="CampaignControlEndpoints"/>, <see cref="TrafficControlEndpoints"/>). No auth; exempt from counters, budgets and faults.
/// </summary>
internal static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGroup("/_sandbox").MapGet("state", (SandboxState s) => Results.Content(JsonSerializer.Serialize(SandboxSnapshot.Take(s), SeedLoader.Json), "application/json"))
            .WithName("control:state");
}
