using System.Text.Json;
using System.Text.Json.Serialization;

namespace SlackOigSync.Okta;

// Okta management API wire shapes: only the fields the sync reads.

public sealed record OktaAppUser(string Id, string? ExternalId, string? Status, OktaAppUserCredentials? Credentials);

public sealed record OktaAppUserCredentials(string? UserName);

public sealed record OktaUser(string Id, string? Status, OktaUserProfile? Profile);

public sealed record OktaUserProfile(string? Email, string? Login);

public sealed record OktaOrganization(string Id);

/// <summary>Okta's error body.</summary>
public sealed record OktaError(string? ErrorCode, string? ErrorSummary, List<OktaErrorCause>? ErrorCauses);

public sealed record OktaErrorCause(string? ErrorSummary);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<OktaAppUser>))]
[JsonSerializable(typeof(List<OktaUser>))]
[JsonSerializable(typeof(OktaOrganization))]
[JsonSerializable(typeof(OktaError))]
internal sealed partial class OktaJsonContext : JsonSerializerContext;
