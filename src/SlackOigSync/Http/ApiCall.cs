using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Polly.Timeout;

namespace SlackOigSync.Http;

/// <summary>
/// The steps every client shares around one call: send it, turn a transport failure, an answer over
/// Http:MaxResponseBytes or a redirect into an <see cref="ApiException"/>, and read a JSON body that must be whole.
/// </summary>
public static class ApiCall
{
    /// <summary>Sends the request. Redirects are never followed (the primary handler does not follow them): a 3xx is an error naming where it pointed.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, string api, string operation, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            throw new ApiException(api, operation, 200, "response_too_large",
                string.Create(CultureInfo.InvariantCulture, $"the answer is larger than {http.MaxResponseContentBufferSize:N0} bytes (Http:MaxResponseBytes) and was not read. Raise Http:MaxResponseBytes only if a page can really be that large; otherwise something between the worker and {Origin(http.BaseAddress)} is answering instead of the API."));
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout: the answer's body did not arrive in time (each attempt's own timeout covers only its headers).
            throw new ApiException(api, operation, null, "timed_out",
                string.Create(CultureInfo.InvariantCulture, $"the answer from {Origin(http.BaseAddress)} did not arrive within {http.Timeout.TotalMinutes:0} minutes (its body stalled); nothing was changed on its account. Run again later; if it persists, check the network path to the API."), e);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or IOException)
        {
            throw new ApiException(api, operation, null, "connection_failed", $"could not complete the call to {http.BaseAddress}: {e.Message}", e);
        }

        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400)
        {
            using (response)
            {
                var location = response.Headers.Location is { } l && Uri.TryCreate(http.BaseAddress, l, out var target)
                    ? $"{target.Scheme}://{target.Authority}{target.AbsolutePath}"
                    : "no location";
                throw new ApiException(api, operation, status, "redirect",
                    $"the API answered with a redirect to {location}; redirects are not followed, so the credential never leaves the configured {Origin(http.BaseAddress)}. Set the base URL to the address the API really answers on.");
            }
        }

        return response;
    }

    /// <summary>Reads a JSON body that must be there and whole: no body, another media type, or a field missing or null where the API promises one, ends the run.</summary>
    public static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, string api, string operation, CancellationToken cancellationToken)
        where T : class
    {
        if (!MayBeJson(response))
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            throw new ApiException(api, operation, (int)response.StatusCode, "not_json",
                $"the API answered with {mediaType}, not JSON; a proxy or gateway may be answering in its place. Run again later; if it persists, check the network path to the API.");
        }

        try
        {
            return await response.Content.ReadFromJsonAsync(type, cancellationToken) ?? throw Malformed(api, operation, response, "the body is empty (null)");
        }
        catch (JsonException e)
        {
            throw Malformed(api, operation, response, $"{Describe(e)} at {e.Path ?? "$"}");
        }
    }

    /// <summary>Whether the answer says it is JSON (application/json, …+json), or says nothing about its type.</summary>
    public static bool MayBeJson(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType is not { } mediaType || mediaType.Contains("json", StringComparison.OrdinalIgnoreCase);

    /// <summary>A well-formed answer that lacks what the sync relies on; never read as empty.</summary>
    public static ApiException Malformed(string api, string operation, HttpResponseMessage response, string what) =>
        Malformed(api, operation, (int)response.StatusCode, what);

    public static ApiException Malformed(string api, string operation, int statusCode, string what) =>
        new(api, operation, statusCode, "malformed_response",
            $"the answer is malformed ({what}); a malformed answer is never read as empty, so nothing was changed on its account. Run again later; if it persists, report it to the API's support.");

    /// <summary>What System.Text.Json found wrong, in words, without the value (which may be anything the server sent).</summary>
    private static string Describe(JsonException e)
    {
        var message = e.Message;
        var including = message.IndexOf("including: ", StringComparison.Ordinal);
        if (including >= 0)
        {
            return $"required field {message[(including + 11)..].TrimEnd('.')} missing";
        }

        var quoted = message.Split('\'');
        return message.Contains("null", StringComparison.OrdinalIgnoreCase) && quoted.Length > 2
            ? $"required field '{quoted[1]}' is null"
            : "the JSON does not have the expected shape";
    }

    private static string Origin(Uri? baseAddress) => baseAddress is null ? "origin" : $"{baseAddress.Scheme}://{baseAddress.Authority}";
}
