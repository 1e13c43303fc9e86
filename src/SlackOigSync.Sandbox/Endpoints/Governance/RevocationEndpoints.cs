using System.Text.Json.Nodes;
using SlackOigSync.Sandbox.Endpoints.Okta;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sandbox.State;
using static SlackOigSync.Sandbox.Endpoints.Governance.GovernanceRequest;

namespace SlackOigSync.Sandbox.Endpoints.Governance;

/// <summary>OIG's revoke-principal-access (v2): takes entitlement values, named by ORN, away from one principal.</summary>
internal static class RevocationEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/governance/api/v2/revoke-principal-access", Revoke).WithName("oig:POST /governance/api/v2/revoke-principal-access");

    private static async Task<IResult> Revoke(HttpContext context, SandboxState state, SandboxTokens tokens)
    {
        var (refused, read) = await GovernanceRequest.ReadAuthorizedObjectAsync(context, tokens, Manage);
        if (read is not { } body)
        {
            return refused!;
        }

        var principalOrn = body["principalOrn"]?.GetValue<string>();
        if (principalOrn is null)
        {
            return OktaErrors.Error(400, "E0000001", "Api validation failed", ("principalOrn is required", null, null));
        }

        if (body["revokeOrns"] is not JsonArray orns || orns.Count is < 1 or > 5)
        {
            return OktaErrors.Error(400, "E0000001", "Api validation failed", ("revokeOrns must hold between 1 and 5 ORNs", null, null));
        }

        lock (state.Gate)
        {
            var userPrefix = $"orn:okta:directory:{state.OrgId}:users:";
            var userId = principalOrn.StartsWith(userPrefix, StringComparison.Ordinal) ? principalOrn[userPrefix.Length..] : null;
            if (userId is null || state.OktaUsers.Find(userId) is null)
            {
                return OktaErrors.Error(400, "E0000001", "Api validation failed", ("Invalid ORN format for principalOrn", null, null));
            }

            var valuePrefix = $"orn:okta:governance:{state.OrgId}:entitlement-values:";
            var valueIds = new List<string>();
            foreach (var orn in orns)
            {
                var text = orn?.GetValue<string>() ?? string.Empty;
                var valueId = text.StartsWith(valuePrefix, StringComparison.Ordinal) ? text[valuePrefix.Length..] : null;
                if (valueId is null || state.FindValue(valueId) is null)
                {
                    return OktaErrors.Error(400, "E0000001", "Api validation failed", ("Invalid ORN format for revokeObjectOrns", null, null));
                }

                valueIds.Add(valueId);
            }

            var (apps, _) = OigRevocation.Revoke(state, userId, valueIds);
            return GovernanceJson.Answer(GovernanceJson.Revocation(apps, userId, context));
        }
    }
}
