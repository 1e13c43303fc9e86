using System.Text.RegularExpressions;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sandbox.State;

namespace SlackOigSync.Sandbox.Endpoints.Slack;

/// <summary>
/// Slack's admin.roles.addAssignments and admin.roles.removeAssignments (user token, scope admin.roles:write, Tier 2):
/// role_id, user_ids (at most 10) and entity_ids (at most 10), as form, query or JSON body. Every valid user × entity
/// pair is applied; invalid ids come back in rejected_users / rejected_entities, each {id, error}. Slack's documented
/// errors: too_many_users, too_many_entities, no_valid_users, no_valid_entities, invalid_role_id, failed_for_some_users,
/// failed_for_some_entities, failed_for_some_users_and_entities, feature_not_enabled. With some ids rejected the answer is
/// ok:false failed_for_some_… although the valid ones were applied (Slack's docs: "The API will process all user, team,
/// and org IDs passed"; its Java SDK records ok:false beside rejected_users). Removal changes what
/// admin.roles.listAssignments lists.
/// </summary>
internal static partial class SlackRoleWriteEndpoints
{
    private const int MaxIds = 10;

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/slack/api");
        string[] verbs = ["GET", "POST"];
        api.MapMethods("admin.roles.addAssignments", verbs, (HttpContext c, SandboxState s, SandboxTokens t) => Change(c, s, t, add: true))
            .WithName("slack:admin.roles.addAssignments");
        api.MapMethods("admin.roles.removeAssignments", verbs, (HttpContext c, SandboxState s, SandboxTokens t) => Change(c, s, t, add: false))
            .WithName("slack:admin.roles.removeAssignments");
    }

    private static async Task<IResult> Change(HttpContext context, SandboxState state, SandboxTokens tokens, bool add)
    {
        var method = add ? "admin.roles.addAssignments" : "admin.roles.removeAssignments";
        var request = await SlackRequest.ReadAsync(context);
        if (request.Authorize(tokens, method, "admin.roles:write", out _) is { } denied)
        {
            return denied;
        }

        if (!state.EnterpriseGrid)
        {
            return SlackErrors.Error("feature_not_enabled");
        }

        if (!request.TryListArg("user_ids", out var userIds) || !request.TryListArg("entity_ids", out var entityIds))
        {
            return SlackErrors.Error("invalid_array_arg");
        }

        // Missing required arguments: Slack's common error for them is invalid_arguments (not listed on these methods' pages).
        var roleId = request.Arg("role_id");
        if (roleId is null || userIds is not { Count: > 0 } || entityIds is not { Count: > 0 })
        {
            return SlackErrors.Error("invalid_arguments");
        }

        // "invalid_role_id: The role type passed does not exist." System role ids are Rl + two characters and custom roles
        // have other ids the sandbox cannot know, so anything shaped like a Slack role id is taken (a guess).
        if (!RoleIdPattern().IsMatch(roleId))
        {
            return SlackErrors.Error("invalid_role_id");
        }

        if (userIds.Count > MaxIds)
        {
            return SlackErrors.Error("too_many_users");
        }

        if (entityIds.Count > MaxIds)
        {
            return SlackErrors.Error("too_many_entities");
        }

        lock (state.Gate)
        {
            // Per-item error codes are not documented; user_not_found, user_deactivated and invalid_entity_id are guesses
            // in Slack's naming. Removing a deleted user's role is allowed (it cleans up); assigning one is not.
            var rejectedUsers = new List<(string Id, string Error)>();
            foreach (var id in userIds)
            {
                var user = state.SlackUsers.Find(id);
                if (user is null)
                {
                    rejectedUsers.Add((id, "user_not_found"));
                }
                else if (add && user.Deleted)
                {
                    rejectedUsers.Add((id, "user_deactivated"));
                }
            }

            var rejectedEntities = entityIds.Where(e => !IsEntity(state, e)).Select(e => (e, "invalid_entity_id")).ToList();
            var users = userIds.Except(rejectedUsers.Select(r => r.Id)).ToList();
            var entities = entityIds.Except(rejectedEntities.Select(r => r.Item1)).ToList();
            if (users.Count == 0 || entities.Count == 0)
            {
                return SlackErrors.Rejected(users.Count == 0 ? "no_valid_users" : "no_valid_entities", rejectedUsers, rejectedEntities);
            }

            if (add)
            {
                SlackRoleChanges.Assign(state, roleId, users, entities);
            }
            else
            {
                SlackRoleChanges.Unassign(state, roleId, users, entities);
            }

            return (rejectedUsers.Count, rejectedEntities.Count) switch
            {
                (0, 0) => SlackJson.Ok(context, []),
                (> 0, 0) => SlackErrors.Rejected("failed_for_some_users", rejectedUsers, rejectedEntities),
                (0, > 0) => SlackErrors.Rejected("failed_for_some_entities", rejectedUsers, rejectedEntities),
                _ => SlackErrors.Rejected("failed_for_some_users_and_entities", rejectedUsers, rejectedEntities),
            };
        }
    }

    /// <summary>
    /// The org itself (E…), or anything shaped like a workspace (T…) or channel (C…) id: the sandbox keeps no list of
    /// workspaces and channels, so it cannot refuse a well-formed one that does not exist (looser than Slack).
    /// </summary>
    private static bool IsEntity(SandboxState state, string id) => id == state.EnterpriseId || EntityIdPattern().IsMatch(id);

    [GeneratedRegex("^Rl[0-9A-Za-z]{2,}$")]
    private static partial Regex RoleIdPattern();

    [GeneratedRegex("^[TC][0-9A-Z]{8,}$")]
    private static partial Regex EntityIdPattern();
}
