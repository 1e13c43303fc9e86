using System.Text.Json.Nodes;
using SlackOigSync.Sandbox.State;

namespace SlackOigSync.Sandbox.Endpoints.Okta;

/// <summary>
/// Okta management API wire shapes (User, AppUser, the org's well-known metadata) as in Okta's published spec examples.
/// Error bodies are <see cref="Infrastructure.OktaErrors"/>'.
/// </summary>
internal static class OktaJson
{
    private const string Timestamp = "2024-01-09T15:36:05.000Z";

    /// <summary>GET /.well-known/okta-organization: the org's id, its URL and pipeline.</summary>
    public static JsonObject OrgMetadata(SandboxState state, HttpContext context) => new()
    {
        ["id"] = state.OrgId,
        ["_links"] = new JsonObject { ["organization"] = new JsonObject { ["href"] = $"{context.Request.Scheme}://{context.Request.Host}" } },
        ["pipeline"] = "idx",
    };

    public static JsonObject User(OktaUser u, HttpContext context) => new()
    {
        ["id"] = u.Id,
        ["status"] = u.Status,
        ["created"] = Timestamp,
        ["activated"] = Timestamp,
        ["statusChanged"] = Timestamp,
        ["lastLogin"] = null,
        ["lastUpdated"] = Timestamp,
        ["passwordChanged"] = Timestamp,
        ["type"] = new JsonObject { ["id"] = "oty1sandboxusertype01" },
        ["profile"] = new JsonObject
        {
            ["firstName"] = u.FirstName,
            ["lastName"] = u.LastName,
            ["mobilePhone"] = null,
            ["secondEmail"] = null,
            ["login"] = u.Login,
            ["email"] = u.Email,
        },
        ["credentials"] = new JsonObject
        {
            ["provider"] = new JsonObject { ["type"] = "OKTA", ["name"] = "OKTA" },
        },
        ["_links"] = new JsonObject { ["self"] = Href(context, $"/api/v1/users/{u.Id}") },
    };

    public static JsonObject AppUser(OktaAppUser u, HttpContext context) => new()
    {
        ["id"] = u.UserId,
        ["externalId"] = u.ExternalId,
        ["created"] = Timestamp,
        ["lastUpdated"] = Timestamp,
        ["scope"] = u.Scope,
        ["status"] = u.Status,
        ["statusChanged"] = Timestamp,
        ["passwordChanged"] = null,
        ["syncState"] = u.ExternalId is null ? "DISABLED" : "SYNCHRONIZED",
        ["lastSync"] = u.ExternalId is null ? null : Timestamp,
        ["credentials"] = new JsonObject { ["userName"] = u.UserName },
        ["profile"] = new JsonObject { ["email"] = u.UserName },
        ["_links"] = new JsonObject
        {
            ["app"] = Href(context, $"/api/v1/apps/{u.AppId}"),
            ["user"] = Href(context, $"/api/v1/users/{u.UserId}"),
        },
    };

    public static JsonObject Href(HttpContext context, string path) =>
        new() { ["href"] = $"{context.Request.Scheme}://{context.Request.Host}{path}" };
}
