using SlackOigSync.Sandbox.OAuth;
using SlackOigSync.Sandbox.Seed;
using SlackOigSync.Sandbox.State;
using static SlackOigSync.Sandbox.Endpoints.Control.ControlResults;

namespace SlackOigSync.Sandbox.Endpoints.Control;

/// <summary>
/// Control endpoints for the emulated Okta org (no auth, like all of /_sandbox): replace users and app assignments;
/// register or replace an API Services app, and expire every issued access token at once (a token expiring mid-run).
/// </summary>
internal static class OktaControlEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/_sandbox/okta");
        control.MapPut("users/{id}", (string id, SeedOktaUser u, SandboxState s) => Locked(s, () =>
        {
            OktaUserChanges.Put(s, new OktaUser { Id = id, Email = u.Email, Login = u.Login ?? u.Email, FirstName = u.FirstName, LastName = u.LastName, Status = u.Status });
            return Results.NoContent();
        })).WithName("control:put-okta-user");
        control.MapPut("apps/{appId}/users/{userId}", (string appId, string userId, SeedAppUser u, SandboxState s) => Locked(s, () =>
            OktaUserChanges.PutAppUser(s, appId, userId, u.ExternalId, u.Status, u.Scope) ? Results.NoContent() : Results.NotFound()))
            .WithName("control:put-app-user");
        control.MapDelete("apps/{appId}/users/{userId}", (string appId, string userId, SandboxState s) =>
            Locked(s, () => OktaUserChanges.RemoveAppUser(s, appId, userId) ? Results.NoContent() : Results.NotFound()))
            .WithName("control:remove-app-user");

        control.MapPut("oauth-clients/{clientId}", (string clientId, OAuthClientRegistration body, OAuthAuthorizationServer server) =>
        {
            if (body.ToClient(clientId, out var problem) is not { } client)
            {
                return Refuse(problem);
            }

            server.Register(client);
            return Results.NoContent();
        }).WithName("control:put-oauth-client");
        control.MapPost("oauth-tokens/expire", (OAuthAuthorizationServer server) => Results.Ok(new { expired = server.ExpireAll() }))
            .WithName("control:expire-oauth-tokens");
    }
}
