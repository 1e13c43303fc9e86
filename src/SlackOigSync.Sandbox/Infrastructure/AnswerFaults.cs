using System.Text.Json.Nodes;

namespace SlackOigSync.Sandbox.Infrastructure;

/// <summary>
/// Pending one-shot answer faults. A fault is spent only by an answer it actually changes (a list to shorten, a next
/// cursor to empty, the field to remove), so a test can arm it before the call that matters without counting the
/// calls before it. Each change is counted in <see cref="SandboxTraffic.InjectedFaults"/> under the kind's name.
/// </summary>
public sealed class AnswerFaults(SandboxTraffic traffic, EndpointDataSource endpoints)
{
    // The families whose successful answers pass through Apply. Okta and OIG join by calling Apply from their JSON
    // writers with their own AnswerShape and adding their prefix here; until then a fault for them could never fire.
    private static readonly string[] AppliedFamilies = ["slack:"];

    private readonly Lock _gate = new();
    private readonly List<AnswerFault> _pending = [];

    /// <summary>The faults not yet spent, in the order they were added, each with the answers it still applies to.</summary>
    public IReadOnlyList<AnswerFault> Pending
    {
        get
        {
            lock (_gate)
            {
                return [.. _pending];
            }
        }
    }

    /// <summary>Arms a fault. Throws <see cref="ArgumentException"/> for a fault that could never apply (unknown endpoint, bad count…).</summary>
    public void Add(AnswerFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (Problem(fault) is { } problem)
        {
            throw new ArgumentException(problem, nameof(fault));
        }

        lock (_gate)
        {
            _pending.Add(fault);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _pending.Clear();
        }
    }

    /// <summary>Why <paramref name="fault"/> could never apply, or null when it is fine.</summary>
    public string? Problem(AnswerFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (!Enum.IsDefined(fault.Kind))
        {
            return $"kind must be one of {string.Join(", ", Enum.GetNames<AnswerFaultKind>())}";
        }

        if (fault.Times < 1)
        {
            return "times must be at least 1";
        }

        if (fault.Kind == AnswerFaultKind.DropItems && fault.Count < 1)
        {
            return "count must be at least 1";
        }

        if (fault.Kind == AnswerFaultKind.OmitField && string.IsNullOrWhiteSpace(fault.Field))
        {
            return "OmitField needs a field";
        }

        var known = KnownEndpoints();
        return known.Contains(fault.Endpoint ?? string.Empty)
            ? null
            : $"endpoint must be one of {string.Join(", ", known.Order(StringComparer.Ordinal))}";
    }

    /// <summary>Applies every pending fault for <paramref name="endpoint"/> that can change this successful answer, spending one use of each.</summary>
    public void Apply(string endpoint, JsonNode answer, AnswerShape shape)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(shape);
        lock (_gate)
        {
            for (var i = 0; i < _pending.Count; i++)
            {
                var fault = _pending[i];
                if (fault.Endpoint != endpoint || !TryApply(fault, answer, shape))
                {
                    continue;
                }

                traffic.CountFault(fault.Kind.ToString());
                if (fault.Times > 1)
                {
                    _pending[i] = fault with { Times = fault.Times - 1 };
                }
                else
                {
                    _pending.RemoveAt(i--);
                }
            }
        }
    }

    private static bool TryApply(AnswerFault fault, JsonNode answer, AnswerShape shape)
    {
        switch (fault.Kind)
        {
            case AnswerFaultKind.DropItems:
                var items = shape.Items(answer);
                if (items is null || items.Count == 0)
                {
                    return false;
                }

                for (var n = Math.Min(fault.Count, items.Count); n > 0; n--)
                {
                    items.RemoveAt(items.Count - 1);
                }

                return true;
            case AnswerFaultKind.EndEarly:
                return shape.TryEndListing(answer);
            case AnswerFaultKind.OmitField:
                var removed = answer is JsonObject top && top.Remove(fault.Field!);
                foreach (var item in shape.Items(answer) ?? [])
                {
                    removed |= item is JsonObject o && o.Remove(fault.Field!);
                }

                return removed;
            default:
                return false;
        }
    }

    private HashSet<string> KnownEndpoints() =>
        endpoints.Endpoints
            .Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName)
            .OfType<string>()
            .Where(name => AppliedFamilies.Any(f => name.StartsWith(f, StringComparison.Ordinal)))
            .ToHashSet(StringComparer.Ordinal);
}
