using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sandbox.OAuth;

namespace SlackOigSync.Sandbox.Endpoints.Okta;

/// <summary>Authentication, paging arguments and paging links shared by the Okta management and OIG endpoints.</summary>
internal static class OktaRequest
{
    /// <summary>
    /// Accepts "SSWS {api token}", "Bearer {access token}" and the tokens the sandbox's token endpoint issued ("Bearer" or
    /// "DPoP" with a proof, limited to their scopes; see <see cref="OAuthResourceAccess"/>); returns the error to answer, or null.
    /// </summary>
    public static IResult? Authorize(HttpContext context, SandboxTokens tokens, string neededScope)
    {
        var header = context.Request.Headers.Authorization.ToString();
        string[]? scopes = null;
        if (header.StartsWith("SSWS ", StringComparison.Ordinal))
        {
            var token = header[5..].Trim();
            scopes = token == tokens.OktaApiToken ? SandboxTokens.AllOktaScopes
                : token == tokens.OktaReadOnlyToken ? SandboxTokens.ReadOnlyOktaScopes
                : null;
        }
        else if (header.StartsWith("Bearer ", StringComparison.Ordinal) && header[7..].Trim() == tokens.OktaAccessToken)
        {
            scopes = SandboxTokens.AllOktaScopes;
        }

        if (scopes is null && context.RequestServices.GetService<OAuthAuthorizationServer>() is { } oauth
            && OAuthResourceAccess.Recognise(header, oauth) is { } issued)
        {
            return OAuthResourceAccess.Authorize(context, issued, oauth, neededScope);
        }

        if (scopes is null)
        {
            return OktaErrors.InvalidToken();
        }

        return scopes.Contains(neededScope) ? null : OktaErrors.Forbidden();
    }

    public static bool TryLimit(HttpContext context, int max, int fallback, out int limit)
    {
        limit = fallback;
        var raw = context.Request.Query["limit"].ToString();
        return raw.Length == 0
            || (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit >= 1 && limit <= max);
    }

    /// <summary>The request's own URL with <c>after</c> replaced, as Okta puts in Link headers and _links.</summary>
    public static string LinkWithAfter(HttpContext context, string? after)
    {
        var query = new QueryBuilder();
        foreach (var (key, values) in context.Request.Query)
        {
            if (key != "after")
            {
                foreach (var value in values)
                {
                    query.Add(key, value ?? string.Empty);
                }
            }
        }

        if (after is not null)
        {
            query.Add("after", after);
        }

        var request = context.Request;
        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{query.ToQueryString()}";
    }

    /// <summary>Sets the Link header: rel="self" always, rel="next" while more pages remain.</summary>
    public static void SetLinks(HttpContext context, string? nextAfter)
    {
        var self = LinkWithAfter(context, context.Request.Query["after"].ToString() is { Length: > 0 } a ? a : null);
        var links = new List<string> { $"<{self}>; rel=\"self\"" };
        if (nextAfter is not null)
        {
            links.Add($"<{LinkWithAfter(context, nextAfter)}>; rel=\"next\"");
        }

        context.Response.Headers.Link = links.ToArray();
    }
}
