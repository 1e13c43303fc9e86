using System.Text.Json;
using SlackOigSync.Sandbox.Infrastructure;

namespace SlackOigSync.Sandbox.Endpoints.Slack;

/// <summary>One Slack Web API call: its arguments (query string or form body), its token and that token's scopes.</summary>
internal sealed class SlackRequest
{
    private readonly IQueryCollection _query;
    private readonly IFormCollection? _form;
    private readonly Dictionary<string, string>? _json;

    private SlackRequest(IQueryCollection query, IFormCollection? form, Dictionary<string, string>? json, string? token, IReadOnlyList<string>? scopes)
    {
        _query = query;
        _form = form;
        _json = json;
        Token = token;
        Scopes = scopes;
    }

    public string? Token { get; }

    /// <summary>The token's scopes when the request arrived; null when there is no token or the sandbox does not know it.</summary>
    public IReadOnlyList<string>? Scopes { get; }

    public static async Task<SlackRequest> ReadAsync(HttpContext context)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        var json = context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true
            ? await ReadJsonArgumentsAsync(context)
            : null;
        var token = BearerToken(context.Request);
        var scopes = context.RequestServices.GetRequiredService<SlackTokenScopes>().ForRequest(context, token);
        return new SlackRequest(context.Request.Query, form, json, token, scopes);
    }

    /// <summary>
    /// A JSON body (Slack takes application/json for its write methods): each top-level field becomes an argument, an
    /// array as its JSON text so that <see cref="TryListArg"/> reads it like a JSON array string. A body that is not a
    /// JSON object yields no arguments, so the method answers for the missing ones.
    /// </summary>
    private static async Task<Dictionary<string, string>> ReadJsonArgumentsAsync(HttpContext context)
    {
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            if (await System.Text.Json.Nodes.JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) is System.Text.Json.Nodes.JsonObject body)
            {
                foreach (var (name, value) in body)
                {
                    if (value is not null)
                    {
                        arguments[name] = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
                    }
                }
            }
        }
        catch (JsonException)
        {
        }

        return arguments;
    }

    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim() : null;
        return string.IsNullOrEmpty(token) ? null : token;
    }

    public string? Arg(string name)
    {
        var value = _json is not null && _json.TryGetValue(name, out var j) ? j
            : _form is not null && _form.TryGetValue(name, out var f) ? f.ToString()
            : _query[name].ToString();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>
    /// An array argument, sent as Slack accepts it: a comma-separated list (<c>Rl01,Rl0A</c>) or a JSON array string
    /// (<c>["Rl01","Rl0A"]</c>, what the official SDKs send). Null when absent; false when it looks like JSON but is
    /// not an array of strings, which Slack refuses rather than guessing.
    /// </summary>
    public bool TryListArg(string name, out HashSet<string>? values)
    {
        values = null;
        var raw = Arg(name)?.Trim();
        if (raw is null)
        {
            return true;
        }

        if (!raw.StartsWith('['))
        {
            values = raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            return true;
        }

        try
        {
            var items = JsonSerializer.Deserialize<string?[]>(raw);
            if (items is null || items.Any(i => i is null))
            {
                return false;
            }

            values = items.Select(i => i!.Trim()).Where(i => i.Length > 0).ToHashSet(StringComparer.Ordinal);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Checks the token for <paramref name="method"/>; returns the Slack error to answer, or null when allowed.</summary>
    public IResult? Authorize(SandboxTokens tokens, string method, string neededScope, out IReadOnlyCollection<string> scopes)
    {
        scopes = Scopes ?? [];
        if (Token is null)
        {
            return SlackErrors.Error("not_authed");
        }

        if (Scopes is null)
        {
            return SlackErrors.Error("invalid_auth");
        }

        // Admin methods take user tokens only, whatever scopes a bot token has been given.
        if (Token == tokens.SlackBotToken && method.StartsWith("admin.", StringComparison.Ordinal))
        {
            return SlackErrors.Error("not_allowed_token_type");
        }

        return Scopes.Contains(neededScope)
            ? null
            : SlackErrors.Error("missing_scope", neededScope, string.Join(',', Scopes));
    }
}
