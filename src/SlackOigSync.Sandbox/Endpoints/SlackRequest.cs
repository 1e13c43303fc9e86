using SlackOigSync.Sandbox.Infrastructure;

namespace SlackOigSync.Sandbox.Endpoints;

/// <summary>One Slack Web API call: its arguments (query string or form body) and its token.</summary>
internal sealed class SlackRequest
{
    private readonly IQueryCollection _query;
    private readonly IFormCollection? _form;

    private SlackRequest(IQueryCollection query, IFormCollection? form, string? token)
    {
        _query = query;
        _form = form;
        Token = token;
    }

    public string? Token { get; }

    public static async Task<SlackRequest> ReadAsync(HttpContext context)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim() : null;
        return new SlackRequest(context.Request.Query, form, string.IsNullOrEmpty(token) ? null : token);
    }

    public string? Arg(string name)
    {
        var value = _form is not null && _form.TryGetValue(name, out var f) ? f.ToString() : _query[name].ToString();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>Checks the token for <paramref name="method"/>; returns the Slack error to answer, or null when allowed.</summary>
    public IResult? Authorize(SandboxTokens tokens, string method, string neededScope, out IReadOnlyCollection<string> scopes)
    {
        scopes = [];
        if (Token is null)
        {
            return SlackErrors.Error("not_authed");
        }

        var isAdminMethod = method.StartsWith("admin.", StringComparison.Ordinal);
        if (Token == tokens.SlackBotToken)
        {
            scopes = ["users:read", "users:read.email"];
            if (isAdminMethod)
            {
                return SlackErrors.Error("not_allowed_token_type");
            }
        }
        else if (Token == tokens.SlackUserToken)
        {
            scopes = SandboxTokens.AllSlackUserScopes;
        }
        else if (Token == tokens.SlackLimitedUserToken)
        {
            scopes = ["users:read"];
        }
        else if (Token == tokens.SlackNoUserListToken)
        {
            scopes = ["admin.roles:read", "users:read", "users:read.email"];
        }
        else
        {
            return SlackErrors.Error("invalid_auth");
        }

        return scopes.Contains(neededScope)
            ? null
            : SlackErrors.Error("missing_scope", neededScope, string.Join(',', scopes));
    }
}
