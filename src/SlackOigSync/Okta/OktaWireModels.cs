using System.Text.Json;
using System.Text.Json.Serialization;

namespace SlackOigSync.Okta;

// Okta management API wire shapes: only the fields the sync reads. A constructor parameter without a default is
// required, and a non-nullable one may not be null: an answer without it fails to read (never as empty).

public sealed record OktaAppUser(string Id, string? ExternalId = null, string? Status = null, OktaAppUserCredentials? Credentials = null);

public sealed record OktaAppUserCredentials(string? UserName = null);

public sealed record OktaUser(string Id, string? Status = null, OktaUserProfile? Profile = null);

public sealed record OktaUserProfile(string? Email = null, string? Login = null);

/// <summary>Okta's error body.</summary>
public sealed record OktaError(string? ErrorCode = null, string? ErrorSummary = null, List<OktaErrorCause?>? ErrorCauses = null);

public sealed record OktaErrorCause(string? ErrorSummary = null);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(List<OktaAppUser>))]
[JsonSerializable(typeof(List<OktaUser>))]
[JsonSerializable(typeof(OktaError))]
internal sealed partial class OktaJsonContext : JsonSerializerContext;
