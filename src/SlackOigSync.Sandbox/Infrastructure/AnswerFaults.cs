using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Extensions;

namespace SlackOigSync.Sandbox.Infrastructure;

/// <summary>
/// Pending one-shot answer faults. A fault is spent only by an answer it actually changes (a list to shorten, a next
/// cursor to empty, the field to remove…), so a test can arm it before the call that matters without counting the calls
/// before it. Each change is counted in <see cref="SandboxTraffic.InjectedFaults"/> under the kind's name.
/// Endpoints opt in with <see cref="AnswerFaultTargetExtensions.AcceptsAnswerFaults"/> and write their successful answers
/// through <see cref="Answer"/>.
/// </summary>
public sealed class AnswerFaults(SandboxTraffic traffic, EndpointDataSource endpoints)
{
    private const string NextRel = "rel=\"next\"";

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

        if (fault.Kind == AnswerFaultKind.Oversize && fault.Count < 1)
        {
            return "Oversize needs count: the least size of the body in bytes";
        }

        if (fault.Kind == AnswerFaultKind.OmitField && string.IsNullOrWhiteSpace(fault.Field))
        {
            return "OmitField needs a field";
        }

        var needsUrl = fault.Kind is AnswerFaultKind.ForeignNextLink or AnswerFaultKind.Redirect;
        if (needsUrl && !(Uri.TryCreate(fault.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
        {
            return $"{fault.Kind} needs url: an absolute http(s) URL";
        }

        if (!needsUrl && fault.Url is not null)
        {
            return $"url is only used by {AnswerFaultKind.ForeignNextLink} and {AnswerFaultKind.Redirect}, not by {fault.Kind}";
        }

        var known = KnownEndpoints();
        if (!known.TryGetValue(fault.Endpoint ?? string.Empty, out var target))
        {
            return $"endpoint must be one of {string.Join(", ", known.Keys.Order(StringComparer.Ordinal))}";
        }

        if (!target.HasList && fault.Kind is AnswerFaultKind.DropItems or AnswerFaultKind.EndEarly or AnswerFaultKind.NullList
                or AnswerFaultKind.RepeatNextLink or AnswerFaultKind.ForeignNextLink)
        {
            return $"{fault.Kind} needs a list answer and {fault.Endpoint} has none; list endpoints: "
                + string.Join(", ", known.Where(kv => kv.Value.HasList).Select(kv => kv.Key).Order(StringComparer.Ordinal));
        }

        if (fault.Kind == AnswerFaultKind.ForeignNextLink && fault.Endpoint!.StartsWith("slack:", StringComparison.Ordinal))
        {
            return "ForeignNextLink is for okta: and oig: lists: Slack pages with a next_cursor, not with links";
        }

        return null;
    }

    /// <summary>
    /// The successful answer <paramref name="answer"/> of the request's endpoint, after every pending fault that can change it
    /// has had its way (spending one use of each): the JSON as is, a changed JSON, a padded stream, a redirect or a gateway error.
    /// </summary>
    public IResult Answer(HttpContext context, JsonNode? answer, AnswerShape shape, int statusCode = StatusCodes.Status200OK)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(shape);
        IResult? replaced = null;
        var padTo = 0L;
        var endpoint = context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        lock (_gate)
        {
            for (var i = 0; endpoint is not null && i < _pending.Count; i++)
            {
                var fault = _pending[i];
                if (fault.Endpoint != endpoint || replaced is not null)
                {
                    continue;
                }

                switch (fault.Kind)
                {
                    case AnswerFaultKind.Redirect:
                        replaced = Results.Redirect(fault.Url!);
                        break;
                    case AnswerFaultKind.EchoHeaders:
                        replaced = EchoHeaders(context);
                        break;
                    case AnswerFaultKind.Oversize:
                        padTo = Math.Max(padTo, fault.Count);
                        break;
                    default:
                        if (!TryApply(fault, ref answer, shape, context))
                        {
                            continue;
                        }

                        break;
                }

                traffic.CountFault(fault.Kind.ToString());
                if (fault.Times > 1)
                {
                    _pending[i] = fault with { Times = fault.Times == AnswerFault.Forever ? fault.Times : fault.Times - 1 };
                }
                else
                {
                    _pending.RemoveAt(i--);
                }
            }

            var json = answer?.ToJsonString(SandboxJson.Options) ?? "null";
            if (replaced is not null)
            {
                context.Response.Headers.Remove("Link");
                return replaced;
            }

            return padTo > 0 ? new PaddedJson(json, padTo, statusCode) : Results.Content(json, "application/json", Encoding.UTF8, statusCode);
        }
    }

    private static bool TryApply(AnswerFault fault, ref JsonNode? answer, AnswerShape shape, HttpContext context)
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
                return TryEndListing(answer, shape, context);
            case AnswerFaultKind.OmitField:
                var removed = answer is JsonObject top && top.Remove(fault.Field!);
                foreach (var item in shape.Items(answer) ?? [])
                {
                    removed |= item is JsonObject o && o.Remove(fault.Field!);
                }

                return removed;
            case AnswerFaultKind.NullList:
                if (shape.Family == AnswerFamily.Okta)
                {
                    var wasList = answer is JsonArray;
                    answer = wasList ? null : answer;
                    return wasList;
                }

                if (shape.ListField is null || answer is not JsonObject withList || withList[shape.ListField] is not JsonArray)
                {
                    return false;
                }

                withList[shape.ListField] = null;
                return true;
            case AnswerFaultKind.ForeignNextLink:
                return TrySetNext(answer, shape, context, fault.Url!);
            case AnswerFaultKind.RepeatNextLink:
                return TrySetNext(answer, shape, context, shape.Family == AnswerFamily.Slack ? shape.RepeatCursor : context.Request.GetEncodedUrl());
            default:
                return false;
        }
    }

    /// <summary>Points the answer's next page at <paramref name="next"/>: a Slack cursor, or a URL for Okta and OIG.</summary>
    private static bool TrySetNext(JsonNode? answer, AnswerShape shape, HttpContext context, string? next)
    {
        if (next is null || !shape.HasList)
        {
            return false;
        }

        switch (shape.Family)
        {
            case AnswerFamily.Slack:
                if (answer is not JsonObject slack)
                {
                    return false;
                }

                if (slack["response_metadata"] is not JsonObject metadata)
                {
                    slack["response_metadata"] = metadata = [];
                }

                metadata["next_cursor"] = next;
                return true;
            case AnswerFamily.Oig:
                if (answer is not JsonObject oig)
                {
                    return false;
                }

                if (oig["_links"] is not JsonObject links)
                {
                    oig["_links"] = links = [];
                }

                links["next"] = new JsonObject { ["href"] = next };
                SetNextLinkHeader(context, next);
                return true;
            default:
                SetNextLinkHeader(context, next);
                return true;
        }
    }

    private static bool TryEndListing(JsonNode? answer, AnswerShape shape, HttpContext context)
    {
        switch (shape.Family)
        {
            case AnswerFamily.Slack:
                if (answer?["response_metadata"] is not JsonObject metadata
                    || metadata["next_cursor"] is not JsonValue cursor
                    || !cursor.TryGetValue<string>(out var next)
                    || next.Length == 0)
                {
                    return false;
                }

                metadata["next_cursor"] = string.Empty;
                return true;
            case AnswerFamily.Oig:
                var hadHeader = SetNextLinkHeader(context, null);
                return (answer?["_links"] is JsonObject links && links.Remove("next")) | hadHeader;
            default:
                return SetNextLinkHeader(context, null);
        }
    }

    /// <summary>Replaces the Link header's rel="next" entry (or removes it when <paramref name="next"/> is null); true when one was there.</summary>
    private static bool SetNextLinkHeader(HttpContext context, string? next)
    {
        var entries = context.Response.Headers.Link.Where(v => v is not null).SelectMany(v => v!.Split(',')).Select(v => v.Trim()).ToList();
        var had = entries.RemoveAll(v => v.EndsWith(NextRel, StringComparison.Ordinal)) > 0;
        if (next is not null)
        {
            entries.Add($"<{next}>; {NextRel}");
        }

        context.Response.Headers.Link = entries.ToArray();
        return had;
    }

    private static IResult EchoHeaders(HttpContext context)
    {
        var page = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body>\n<h1>502 Bad Gateway</h1>\n")
            .Append("<p>The gateway received an invalid response from the upstream server.</p>\n<h2>Request</h2>\n<pre>\n")
            .Append(WebUtility.HtmlEncode($"{context.Request.Method} {context.Request.GetEncodedPathAndQuery()} {context.Request.Protocol}")).Append('\n');
        foreach (var (name, values) in context.Request.Headers)
        {
            foreach (var value in values)
            {
                page.Append(WebUtility.HtmlEncode($"{name}: {value}")).Append('\n');
            }
        }

        page.Append("</pre>\n</body></html>\n");
        return Results.Content(page.ToString(), "text/html; charset=utf-8", Encoding.UTF8, StatusCodes.Status502BadGateway);
    }

    private Dictionary<string, AnswerFaultTarget> KnownEndpoints()
    {
        var known = new Dictionary<string, AnswerFaultTarget>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints.Endpoints)
        {
            if (endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName is { } name
                && endpoint.Metadata.GetMetadata<AnswerFaultTarget>() is { } target)
            {
                known[name] = target;
            }
        }

        return known;
    }

    /// <summary>
    /// JSON padded to at least a given size and written in 64 KiB chunks (no Content-Length, so chunked), without ever holding
    /// the padding: objects get a trailing "padding" string field, anything else whitespace before its last character.
    /// </summary>
    private sealed class PaddedJson(string json, long size, int statusCode) : IResult
    {
        private const int Chunk = 64 * 1024;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            string prefix, suffix;
            byte fill;
            if (json.StartsWith('{') && json.EndsWith('}'))
            {
                prefix = json[..^1] + (json.Length > 2 ? "," : string.Empty) + "\"padding\":\"";
                suffix = "\"}";
                fill = (byte)'x';
            }
            else if (json.EndsWith(']'))
            {
                prefix = json[..^1];
                suffix = "]";
                fill = (byte)' ';
            }
            else
            {
                prefix = json;
                suffix = string.Empty;
                fill = (byte)' ';
            }

            var head = Encoding.UTF8.GetBytes(prefix);
            var tail = Encoding.UTF8.GetBytes(suffix);
            var remaining = Math.Max(0, size - head.Length - tail.Length);
            var response = httpContext.Response;
            response.StatusCode = statusCode;
            response.ContentType = "application/json; charset=utf-8";
            var aborted = httpContext.RequestAborted;
            try
            {
                await response.Body.WriteAsync(head, aborted);
                var block = new byte[(int)Math.Min(Chunk, Math.Max(1, remaining))];
                Array.Fill(block, fill);
                while (remaining > 0)
                {
                    var n = (int)Math.Min(block.Length, remaining);
                    await response.Body.WriteAsync(block.AsMemory(0, n), aborted);
                    remaining -= n;
                }

                await response.Body.WriteAsync(tail, aborted);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException && aborted.IsCancellationRequested)
            {
                // The client stopped reading, as a client with an answer size cap should.
            }
        }
    }
}

/// <summary>Endpoint metadata: answer faults may target this endpoint; <paramref name="HasList"/> says whether its answers carry a list.</summary>
public sealed record AnswerFaultTarget(bool HasList);

public static class AnswerFaultTargetExtensions
{
    /// <summary>Lets answer faults target this endpoint, whose handler must write its successful answers through <see cref="AnswerFaults.Answer"/>.</summary>
    public static RouteHandlerBuilder AcceptsAnswerFaults(this RouteHandlerBuilder builder, bool hasList) =>
        builder.WithMetadata(new AnswerFaultTarget(hasList));
}
