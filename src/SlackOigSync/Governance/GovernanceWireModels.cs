using System.Text.Json;
using System.Text.Json.Serialization;

namespace SlackOigSync.Governance;

// Okta Identity Governance wire shapes, as in Okta's governance OpenAPI spec. A constructor parameter without a
// default is required, and a non-nullable one may not be null: an answer without it fails to read (never as empty).

public sealed record OigList<T>(List<T> Data, [property: JsonPropertyName("_links")] OigListLinks? Links = null);

public sealed record OigListLinks(OigLink? Self = null, OigLink? Next = null);

public sealed record OigLink(string Href);

public sealed record OigResourceRef(string ExternalId, string Type);

public sealed record OigEntitlement(
    string Id, string ExternalValue, string? Name = null, string? Description = null, bool? MultiValue = null, OigResourceRef? Parent = null, List<OigEntitlementValue>? Values = null);

public sealed record OigEntitlementValue(string Id, string ExternalValue, string? Name = null, string? Description = null, string? Orn = null);

public sealed record OigNewValue(string Name, string ExternalValue, string? Description);

public sealed record OigEntitlementCreate(
    string Name, string ExternalValue, string Description, OigResourceRef Parent, bool MultiValue, string DataType, List<OigNewValue> Values);

/// <summary>One JSON-Patch-like operation of PATCH /entitlements/{id}.</summary>
public sealed record OigPatchOperation(string Op, string Path, OigNewValue? Value, string RefType);

public sealed record OigGrant(
    string Id,
    string GrantType,
    OigResourceRef TargetPrincipal,
    string? TargetPrincipalOrn = null,
    List<OigGrantEntitlement>? Entitlements = null,
    string? Status = null)
{
    /// <summary>
    /// Only ACTIVE is active (SCHEDULED, INACTIVE, EXPIRED are not); an answer without a status is ACTIVE (older
    /// answers omit it, and grant lists show active grants only); any other word, including one this build does not
    /// know, is not active, so the sync fails closed (held, not revoked, reported).
    /// </summary>
    [JsonIgnore]
    public bool IsActive => Status is null or "ACTIVE";

    /// <summary>An ENTITLEMENT grant (the kind the sync makes and may revoke); POLICY, CUSTOM and bundle grants belong to other processes.</summary>
    [JsonIgnore]
    public bool IsEntitlementGrant => GrantType == "ENTITLEMENT";
}

public sealed record OigGrantEntitlement(string Id, List<OigGrantValue>? Values = null);

public sealed record OigGrantValue(string Id);

public sealed record OigGrantCreate(
    string GrantType, OigResourceRef Target, OigResourceRef TargetPrincipal, List<OigGrantEntitlement> Entitlements, string Actor);

/// <summary>One entitlement a principal holds on a resource, with the values held (listPrincipalEntitlements).</summary>
public sealed record OigPrincipalEntitlement(string Id, List<OigGrantValue>? Values = null);

public sealed record OigRevokeRequest(string PrincipalOrn, List<string> RevokeOrns, string Actor);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(OigList<OigEntitlement>))]
[JsonSerializable(typeof(OigList<OigEntitlementValue>))]
[JsonSerializable(typeof(OigList<OigGrant>))]
[JsonSerializable(typeof(OigList<OigPrincipalEntitlement>))]
[JsonSerializable(typeof(OigEntitlement))]
[JsonSerializable(typeof(OigEntitlementCreate))]
[JsonSerializable(typeof(List<OigPatchOperation>))]
[JsonSerializable(typeof(OigGrant))]
[JsonSerializable(typeof(OigGrantCreate))]
[JsonSerializable(typeof(OigRevokeRequest))]
internal sealed partial class GovernanceJsonContext : JsonSerializerContext;
