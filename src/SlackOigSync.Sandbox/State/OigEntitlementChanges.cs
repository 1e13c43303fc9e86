namespace SlackOigSync.Sandbox.State;

/// <summary>
/// What creating an entitlement and patching it (its name, description and values) does to the state, for the OIG
/// entitlement endpoints. Every method expects the state's lock held. Ids are drawn when an entitlement or value is
/// made, before it is stored, so a refused request still spends them (as it always has: the ids stay deterministic).
/// </summary>
public static class OigEntitlementChanges
{
    /// <summary>A new entitlement with a fresh id, not yet stored: give it its values with <see cref="Add"/>.</summary>
    public static OigEntitlement New(
        SandboxState state, string appId, string name, string externalValue, string? description, bool multiValue, string dataType, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new OigEntitlement
        {
            Id = state.Ids.Okta("esp"), AppId = appId, Name = name, ExternalValue = externalValue,
            Description = description, MultiValue = multiValue, DataType = dataType, Created = now, LastUpdated = now,
        };
    }

    /// <summary>A new value of <paramref name="entitlement"/> with a fresh id, not yet stored.</summary>
    public static OigEntitlementValue NewValue(
        SandboxState state, OigEntitlement entitlement, string name, string externalValue, string? description, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(entitlement);
        return new OigEntitlementValue
        {
            Id = state.Ids.Okta("ent"), EntitlementId = entitlement.Id, Name = name, ExternalValue = externalValue,
            Description = description, Created = now, LastUpdated = now,
        };
    }

    /// <summary>Stores a new entitlement with its values.</summary>
    public static void Add(SandboxState state, OigEntitlement entitlement, IEnumerable<OigEntitlementValue> values)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(entitlement);
        entitlement.Values.AddRange(values);
        state.Entitlements.Add(entitlement.Id, entitlement);
    }

    /// <summary>Applies a checked batch of edits in order and stamps the entitlement updated.</summary>
    public static void Apply(SandboxState state, OigEntitlement entitlement, IEnumerable<OigEntitlementEdit> edits, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(entitlement);
        ArgumentNullException.ThrowIfNull(edits);
        foreach (var edit in edits)
        {
            switch (edit)
            {
                case AddEntitlementValue add:
                    entitlement.Values.Add(add.Value);
                    break;
                case UpdateEntitlementValue update:
                    update.Value.Name = update.Name ?? update.Value.Name;
                    update.Value.Description = update.Description ?? update.Value.Description;
                    update.Value.LastUpdated = now;
                    break;
                case RemoveEntitlementValue remove:
                    RemoveValue(state, entitlement, remove.Value);
                    break;
                case RenameEntitlement rename:
                    entitlement.Name = rename.Name ?? entitlement.Name;
                    break;
                case DescribeEntitlement describe:
                    entitlement.Description = describe.Description;
                    break;
                default:
                    throw new ArgumentException($"unknown edit {edit.GetType().Name}", nameof(edits));
            }
        }

        entitlement.LastUpdated = now;
    }

    /// <summary>The value leaves the entitlement and every grant; a grant left without any value ends (INACTIVE).</summary>
    private static void RemoveValue(SandboxState state, OigEntitlement entitlement, OigEntitlementValue value)
    {
        entitlement.Values.Remove(value);
        foreach (var grant in state.Grants.All)
        {
            if (grant.Entitlements.TryGetValue(entitlement.Id, out var ids) && ids.Remove(value.Id) && ids.Count == 0)
            {
                grant.Entitlements.Remove(entitlement.Id);
                if (grant.Entitlements.Count == 0)
                {
                    grant.Status = "INACTIVE";
                }
            }
        }
    }
}
