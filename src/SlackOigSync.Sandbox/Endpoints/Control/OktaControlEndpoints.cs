using SlackOigSync.Sandbox.OAuth;

namespace SlackOigSync.Sandbox.Endpoints.Control;

/// <summary>
/// Control API for the emulated org authorization server: register or replace an API Services app, and expire every
/// issued access token at once (a token expiring mid-run). Exempt from counters, budgets and faults like all of /_sandbox.
/// </summary>
internal static class OAuthControlEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/_sandbox/okta");
        control.MapPut("oauth-clients/{clientId}", (string clientId, OAuthClientRegistration body, OAuthAuthorizationServer server) =>
        {
            if (body.ToClient(clientId, out var problem) is not { } client)
            {
                return Results.BadRequest(new { error = problem });
            }

            server.Register(client);
            return Results.NoContent();
        }).WithName("control:put-oauth-client");
        control.MapPost("oauth-tokens/expire", (OAuthAuthorizationServer server) => Results.Ok(new { expired = server.ExpireAll() }))
            .WithName("control:expire-oauth-tokens");
    }
}
