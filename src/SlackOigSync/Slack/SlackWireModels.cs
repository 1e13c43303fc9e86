using System.Text.Json.Serialization;

namespace SlackOigSync.Slack;

// Slack Web API wire shapes: only the fields the sync reads, named exactly as Slack sends them.

/// <summary>The fields every Slack response carries.</summary>
public abstract record SlackResponse
{
    [JsonPropertyName("ok")] public bool Ok { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("needed")] public string? Needed { get; init; }
    [JsonPropertyName("provided")] public string? Provided { get; init; }
    [JsonPropertyName("response_metadata")] public SlackResponseMetadata? ResponseMetadata { get; init; }
}

public sealed record SlackResponseMetadata([property: JsonPropertyName("next_cursor")] string? NextCursor);

public sealed record SlackRoleAssignmentsResponse : SlackResponse
{
    [JsonPropertyName("role_assignments")] public List<SlackRoleAssignment>? RoleAssignments { get; init; }
}

public sealed record SlackRoleAssignment(
    [property: JsonPropertyName("role_id")] string RoleId,
    [property: JsonPropertyName("entity_id")] string EntityId,
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("date_create")] long DateCreate);

public sealed record SlackUserInfoResponse : SlackResponse
{
    [JsonPropertyName("user")] public SlackUser? User { get; init; }
}

/// <summary>A missing <c>deleted</c> or <c>is_bot</c> is unknown (null), never false and never true.</summary>
public sealed record SlackUser(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("deleted")] bool? Deleted,
    [property: JsonPropertyName("is_bot")] bool? IsBot,
    [property: JsonPropertyName("profile")] SlackUserProfile? Profile);

public sealed record SlackUserProfile([property: JsonPropertyName("email")] string? Email);

public sealed record SlackAdminUsersResponse : SlackResponse
{
    [JsonPropertyName("users")] public List<SlackAdminUser>? Users { get; init; }
}

/// <summary>
/// One member as admin.users.list describes it; is_active is false for deactivated (deleted) accounts. A missing
/// is_active or is_bot is unknown (null): it never means deleted.
/// </summary>
public sealed record SlackAdminUser(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("is_bot")] bool? IsBot,
    [property: JsonPropertyName("is_active")] bool? IsActive);

/// <summary>admin.roles.addAssignments / removeAssignments: ok, or an error with the ids Slack refused and why.</summary>
public sealed record SlackRoleChangeResponse : SlackResponse
{
    [JsonPropertyName("rejected_users")] public List<SlackRejectedId>? RejectedUsers { get; init; }
    [JsonPropertyName("rejected_entities")] public List<SlackRejectedId>? RejectedEntities { get; init; }
}

public sealed record SlackRejectedId([property: JsonPropertyName("id")] string? Id, [property: JsonPropertyName("error")] string? Error);

[JsonSerializable(typeof(SlackRoleChangeResponse))]
[JsonSerializable(typeof(SlackRoleAssignmentsResponse))]
[JsonSerializable(typeof(SlackUserInfoResponse))]
[JsonSerializable(typeof(SlackAdminUsersResponse))]
internal sealed partial class SlackJsonContext : JsonSerializerContext;
