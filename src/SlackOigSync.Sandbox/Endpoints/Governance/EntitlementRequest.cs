using System.Text.Json;
using System.Text.Json.Nodes;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sandbox.State;

namespace SlackOigSync.Sandbox.Endpoints.Governance;

/// <summary>
/// Reads the values of a create body and the operations of a PATCH, refusing what Okta refuses. Call with the state's
/// lock held: a new value's id is drawn as it is read.
/// </summary>
internal static class EntitlementRequest
{
    /// <summary>A new value {name, externalValue, description?}, refused when its externalValue is among <paramref name="existing"/>.</summary>
    public static IResult? ReadNewValue(
        JsonNode? node, OigEntitlement entitlement, IEnumerable<OigEntitlementValue> existing, SandboxState state, DateTimeOffset now,
        out OigEntitlementValue? value)
    {
        value = null;
        var name = node?["name"]?.GetValue<string>();
        var externalValue = node?["externalValue"]?.GetValue<string>();
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(externalValue))
        {
            return OktaErrors.ValidationFailed("must have required field", string.IsNullOrEmpty(name) ? "/values/name" : "/values/externalValue");
        }

        if (existing.Any(v => v.ExternalValue == externalValue))
        {
            return OktaErrors.Error(400, "E0000001", $"Api validation failed: /values/externalValue {externalValue} already exists", (
                $"A value with externalValue {externalValue} already exists", "DUPLICATE_VALUE", "/values/externalValue"));
        }

        value = OigEntitlementChanges.NewValue(state, entitlement, name, externalValue, node?["description"]?.GetValue<string>(), now);
        return null;
    }

    /// <summary>
    /// Every operation of a PATCH body, checked before any is applied so that a bad batch changes nothing. refType is
    /// required and picks the operation's schema (the spec's discriminator): ENTITLEMENT-VALUE for /values paths,
    /// ENTITLEMENT for the entitlement's own /name and /description.
    /// </summary>
    public static IResult? ReadEdits(JsonArray operations, OigEntitlement e, SandboxState state, DateTimeOffset now, out List<OigEntitlementEdit> edits)
    {
        edits = [];
        var pendingExternalValues = new HashSet<string>(StringComparer.Ordinal);
        foreach (var op in operations)
        {
            var verb = op?["op"]?.GetValue<string>();
            var path = op?["path"]?.GetValue<string>() ?? string.Empty;
            var refType = op?["refType"]?.GetValueKind() == JsonValueKind.String ? op["refType"]!.GetValue<string>() : null;
            var wanted = path.StartsWith("/values/", StringComparison.Ordinal) ? "ENTITLEMENT-VALUE" : "ENTITLEMENT";
            if (refType is null)
            {
                return OktaErrors.ValidationFailed("must have required field", "/refType");
            }

            if (refType != wanted)
            {
                return OktaErrors.Error(400, "E0000001", $"Api validation failed: /refType {refType}", (
                    $"refType {refType} does not fit path {path}; expected {wanted}", "INVALID_VALUE", "/refType"));
            }

            if (verb == "ADD" && path == "/values/-")
            {
                if (ReadNewValue(op!["value"], e, e.Values, state, now, out var value) is { } valueError)
                {
                    return valueError;
                }

                if (!pendingExternalValues.Add(value!.ExternalValue))
                {
                    return OktaErrors.ValidationFailed($"externalValue {value.ExternalValue} appears twice", "/value/externalValue");
                }

                edits.Add(new AddEntitlementValue(value));
            }
            else if (verb is "REPLACE" or "REMOVE" && path.StartsWith("/values/", StringComparison.Ordinal))
            {
                var value = e.Values.Find(v => v.Id == path["/values/".Length..]);
                if (value is null)
                {
                    return OktaErrors.ValidationFailed($"{path["/values/".Length..]} not found", path);
                }

                edits.Add(verb == "REMOVE"
                    ? new RemoveEntitlementValue(value)
                    : new UpdateEntitlementValue(value, op!["value"]?["name"]?.GetValue<string>(), op["value"]?["description"]?.GetValue<string>()));
            }
            else if (verb is "ADD" or "REPLACE" && path is "/name" or "/description")
            {
                var text = op!["value"]?.GetValue<string>();
                edits.Add(path == "/name" ? new RenameEntitlement(text) : new DescribeEntitlement(text));
            }
            else if (verb == "REMOVE" && path == "/description")
            {
                edits.Add(new DescribeEntitlement(null));
            }
            else
            {
                return OktaErrors.ValidationFailed($"unsupported operation {verb} {path}", "/op");
            }
        }

        return null;
    }

    /// <summary>The values a batch adds or changes, in order, each once: what the PATCH answer lists.</summary>
    public static IEnumerable<OigEntitlementValue> Touched(IEnumerable<OigEntitlementEdit> edits) => edits
        .Select(edit => edit switch
        {
            AddEntitlementValue add => add.Value,
            UpdateEntitlementValue update => update.Value,
            _ => null,
        })
        .OfType<OigEntitlementValue>()
        .Distinct();
}
