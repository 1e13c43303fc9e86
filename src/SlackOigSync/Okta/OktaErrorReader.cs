using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SlackOigSync.Http;

namespace SlackOigSync.Okta;

/// <summary>
/// Turns a failed Okta or OIG answer into an <see cref="ApiException"/> whose message says what to fix. Only Okta's
/// JSON error fields are read; another body (a gateway's HTML page, which may echo the request's headers) is never quoted.
/// </summary>
public static class OktaErrorReader
{
    public static async Task<ApiException> ReadAsync(
        HttpResponseMessage response, string api, string operation, string? notFoundHint, OktaCredentialHints credentials, CancellationToken cancellationToken)
    {
        OktaError? error = null;
        var isJson = ApiCall.MayBeJson(response);
        if (isJson)
        {
            try
            {
                error = await response.Content.ReadFromJsonAsync(OktaJsonContext.Default.OktaError, cancellationToken);
            }
            catch (JsonException)
            {
                // Not an Okta error body: the status code alone explains it.
            }
        }

        // A DPoP failure on an API call comes as 400 with an empty body; its cause is in WWW-Authenticate.
        var challenge = response.Headers.WwwAuthenticate
            .Select(h => System.Text.RegularExpressions.Regex.Match(h.Parameter ?? string.Empty, "error_description=\"([^\"]*)\""))
            .FirstOrDefault(m => m.Success)?.Groups[1].Value;
        var summary = error?.ErrorSummary is { Length: > 0 } s ? s.TrimEnd('.')
            : challenge is { Length: > 0 } ? $"{response.ReasonPhrase}: {challenge.TrimEnd('.')}"
            : isJson ? response.ReasonPhrase ?? "no details"
            : $"{response.ReasonPhrase ?? "error"}: the answer was a {response.Content.Headers.ContentType?.MediaType} page, not Okta's JSON error, so a proxy or gateway probably answered";
        var causes = (error?.ErrorCauses is { Count: > 0 } list ? " (" + string.Join("; ", list.Select(c => c?.ErrorSummary)) + ")" : string.Empty) + ".";
        var hint = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => credentials.Unauthorized,
            HttpStatusCode.Forbidden => credentials.Forbidden,
            HttpStatusCode.NotFound => notFoundHint ?? "Okta could not find the resource.",
            HttpStatusCode.TooManyRequests => "Okta kept rate-limiting after every retry; run again later or lower Sync:WriteConcurrency.",
            _ => null,
        };
        return new ApiException(api, operation, (int)response.StatusCode, error?.ErrorCode ?? response.StatusCode.ToString(),
            $"{summary}{causes}{(hint is null ? string.Empty : " " + hint)}");
    }
}
