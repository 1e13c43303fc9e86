using SlackOigSync.Sandbox.Endpoints.Slack;

namespace SlackOigSync.Sandbox.Infrastructure;

/// <summary>
/// Slack puts the token's scopes in x-oauth-scopes on every Web API answer, errors and 429s included, and clients
/// read it to explain missing_scope before it happens. Runs ahead of the traffic middleware so its 429s carry it too.
/// </summary>
public sealed class SlackScopesHeaderMiddleware(RequestDelegate next, SlackTokenScopes scopes)
{
    public const string HeaderName = "x-oauth-scopes";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/slack/api", StringComparison.Ordinal)
            && scopes.ForRequest(context, SlackRequest.BearerToken(context.Request)) is { } granted)
        {
            context.Response.Headers[HeaderName] = string.Join(',', granted);
        }

        return next(context);
    }
}
