using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SlackOigSync.Http;

namespace SlackOigSync.Okta;

/// <summary>Turns a failed Okta or OIG answer into an <see cref="ApiException"/> whose message says what to fix.</summary>
public static class OktaErrorReader
{
    public static async Task<ApiException> ReadAsync(HttpResponseMessage response, string api, string operation, string? notFoundHint, CancellationToken cancellationToken)
    {
        OktaError? error = null;
        try
        {
            error = await response.Content.ReadFromJsonAsync(OktaJsonContext.Default.OktaError, cancellationToken);
        }
        catch (JsonException)
        {
            // Not an Okta error body (a proxy's page, say): the status code alone explains it.
        }

        var summary = error?.ErrorSummary ?? response.ReasonPhrase ?? "no details";
        var causes = error?.ErrorCauses is { Count: > 0 } list ? " (" + string.Join("; ", list.Select(c => c.ErrorSummary)) + ")" : string.Empty;
        var hint = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => "The Okta token is invalid or expired: set Okta:ApiToken (SSWS) or Okta:AccessToken to a valid credential.",
            HttpStatusCode.Forbidden => "The Okta credential lacks a permission: it needs an admin role that can manage the app's entitlements (App Admin or Super Admin) and, for OAuth, the scopes okta.users.read, okta.apps.read, okta.governance.entitlements.read and okta.governance.entitlements.manage.",
            HttpStatusCode.NotFound => notFoundHint ?? "Okta could not find the resource.",
            HttpStatusCode.TooManyRequests => "Okta kept rate-limiting after every retry; run again later or lower Sync:WriteConcurrency.",
            _ => null,
        };
        return new ApiException(api, operation, (int)response.StatusCode, error?.ErrorCode ?? response.StatusCode.ToString(),
            $"{summary}{causes}{(hint is null ? string.Empty : " " + hint)}");
    }

    public static ApiException Unreachable(HttpClient http, string api, string operation, Exception e) =>
        new(api, operation, null, "connection_failed", $"could not complete the call to {http.BaseAddress}: {e.Message}", e);
}
