using SlackOigSync.Http;
using SlackOigSync.Okta;
using SlackOigSync.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace SlackOigSync.Tests.Okta;

/// <summary>OktaClient against answers written byte for byte (WireMock.Net): Link paging, Okta's error bodies, redirects and oversized answers.</summary>
public sealed class OktaClientWireTests : IDisposable
{
    private const string AppUsers = "/api/v1/apps/0oaSlack/users";

    private readonly WireApi _wire = new();

    public void Dispose() => _wire.Dispose();

    private OktaClient Client(long maxResponseBytes = 32L * 1024 * 1024) =>
        new(_wire.Http("/", maxResponseBytes), new HttpResilienceSettings { MaxResponseBytes = maxResponseBytes }, OktaCredentialHints.ApiToken);

    private Task<List<OktaAppUser>> ListAppUsers(OktaClient? client = null) =>
        (client ?? Client()).StreamAppUsersAsync("0oaSlack", CancellationToken.None).ToListAsync().AsTask();

    [Theory]
    [InlineData("<{0}/api/v1/apps/0oaSlack/users?after=00u1&limit=500>; rel=\"next\"")]
    [InlineData("<{0}/api/v1/apps/0oaSlack/users?after=00u1&limit=500>; rel=next")]
    [InlineData("<{0}/api/v1/apps/0oaSlack/users?limit=500>; rel=\"self\", <{0}/api/v1/apps/0oaSlack/users?after=00u1&limit=500>; rel=\"next\"")]
    [InlineData("</api/v1/apps/0oaSlack/users?after=00u1&limit=500>; rel=\"next\"")]
    public async Task App_users_are_read_page_after_page_following_the_link_header(string link)
    {
        _wire.On(Request.Create().WithPath(AppUsers).UsingGet().WithParam("after", "00u1"), WireApi.Json("""[{"id":"00u2","externalId":"U2"}]"""), priority: 1);
        _wire.On(Request.Create().WithPath(AppUsers).UsingGet(),
            WireApi.Json("""[{"id":"00u1","externalId":"U1","status":"ACTIVE","credentials":{"userName":"ada@example.com"}}]""")
                .WithHeader("Link", string.Format(System.Globalization.CultureInfo.InvariantCulture, link, _wire.Url)));

        var users = await ListAppUsers();

        Assert.Equal(["00u1", "00u2"], users.Select(u => u.Id));
        Assert.Equal("ada@example.com", users[0].Credentials?.UserName);
        var requests = _wire.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(["500"], requests[0].Query!["limit"]);
        Assert.False(requests[0].Query!.ContainsKey("after"));
        Assert.Equal(["00u1"], requests[1].Query!["after"]);
    }

    [Fact]
    public async Task Next_links_sent_as_two_link_headers_are_followed()
    {
        _wire.On(Request.Create().WithPath(AppUsers).UsingGet().WithParam("after", "00u1"), WireApi.Json("""[{"id":"00u2"}]"""), priority: 1);
        _wire.On(Request.Create().WithPath(AppUsers).UsingGet(), WireApi.Json("""[{"id":"00u1"}]""")
            .WithHeader("Link", $"<{_wire.Url}{AppUsers}?limit=500>; rel=\"self\"", $"<{_wire.Url}{AppUsers}?after=00u1&limit=500>; rel=\"next\""));

        Assert.Equal(["00u1", "00u2"], (await ListAppUsers()).Select(u => u.Id));
    }

    [Theory]
    [InlineData("https://evil.example.com/api/v1/apps/0oaSlack/users?after=00u1", "https://evil.example.com")]
    [InlineData("//evil.example.com/api/v1/apps/0oaSlack/users?after=00u1", "http://evil.example.com")]
    [InlineData("http://user:pass@localhost:{port}/api/v1/apps/0oaSlack/users?after=00u1", "http://localhost:{port}")]
    [InlineData("http://localhost:1/api/v1/apps/0oaSlack/users?after=00u1", "http://localhost:1")]
    public async Task A_next_link_to_another_origin_is_refused_and_never_called(string next, string named)
    {
        var port = new Uri(_wire.Url).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _wire.On(Request.Create().WithPath(AppUsers).UsingGet(), WireApi.Json("""[{"id":"00u1"}]""").WithHeader("Link", $"<{next.Replace("{port}", port)}>; rel=\"next\""));

        var e = await Assert.ThrowsAsync<ApiException>(() => ListAppUsers());

        Assert.Equal("foreign_link", e.Code);
        Assert.Contains($"the next-page link points at {named.Replace("{port}", port)}, not at the configured {_wire.Url}", e.Message);
        Assert.Single(_wire.Requests);
    }

    [Fact]
    public async Task A_next_link_back_to_the_first_page_is_a_repeat_not_an_endless_listing()
    {
        _wire.On(Request.Create().WithPath(AppUsers).UsingGet(), WireApi.Json("""[{"id":"00u1"}]""").WithHeader("Link", $"<{_wire.Url}{AppUsers}?limit=500>; rel=\"next\""));

        var e = await Assert.ThrowsAsync<ApiException>(() => ListAppUsers());

        Assert.Equal("repeated_page", e.Code);
        Assert.Single(_wire.Requests);
    }

    [Theory]
    [InlineData(401, """{"errorCode":"E0000011","errorSummary":"Invalid token provided","errorLink":"E0000011","errorId":"oae1","errorCauses":[]}""",
        "E0000011", "Invalid token provided. The Okta token is invalid or expired: set Okta:ApiToken (SSWS) or Okta:AccessToken to a valid credential.")]
    [InlineData(403, """{"errorCode":"E0000006","errorSummary":"You do not have permission to perform the requested action","errorCauses":[]}""",
        "E0000006", "You do not have permission to perform the requested action. The Okta credential lacks a permission: it needs an admin role")]
    [InlineData(404, """{"errorCode":"E0000007","errorSummary":"Not found: Resource not found: 0oaSlack (AppInstance)","errorCauses":[]}""",
        "E0000007", "Not found: Resource not found: 0oaSlack (AppInstance). Okta app 0oaSlack was not found: check Okta:SlackAppId.")]
    [InlineData(429, """{"errorCode":"E0000047","errorSummary":"API call exceeded rate limit due to too many requests.","errorCauses":[]}""",
        "E0000047", "API call exceeded rate limit due to too many requests. Okta kept rate-limiting after every retry; run again later or lower Sync:WriteConcurrency.")]
    [InlineData(400, """{"errorCode":"E0000001","errorSummary":"Api validation failed: limit","errorCauses":[{"errorSummary":"limit: must be at most 500"},{"errorSummary":"limit: must be a number"}]}""",
        "E0000001", "Api validation failed: limit (limit: must be at most 500; limit: must be a number).")]
    [InlineData(500, """{"errorSummary":"Internal Server Error"}""", "InternalServerError", "Internal Server Error.")]
    [InlineData(503, "{}", "ServiceUnavailable", "Service Unavailable.")]
    public async Task An_okta_error_body_reads_as_its_code_its_summary_and_what_to_do(int status, string body, string code, string sentence)
    {
        _wire.On(Request.Create().WithPath(AppUsers).UsingGet(), WireApi.Json(body, status));

        var e = await Assert.ThrowsAsync<ApiException>(() => ListAppUsers());

        Assert.Equal(code, e.Code);
        Assert.Equal(status, e.StatusCode);
        Assert.Contains($"Okta list app users failed (HTTP {status}, {code}): {sentence}", e.Message);
    }

    [Fact]
    public async Task A_gateways_html_error_page_is_named_never_quoted()
    {
        _wire.On(Request.Create().WithPath(AppUsers).UsingGet(), Response.Create().WithStatusCode(502).WithHeader("Content-Type", "text/html")
            .WithBody("<html><body>upstream failed; request had Authorization: SSWS 00abcdefghijklmnopqrstuvwxyz0123456789</body></html>"));

        var e = await Assert.ThrowsAsync<ApiException>(() => ListAppUsers());

        Assert.Equal("BadGateway", e.Code);
        Assert.Contains("Bad Gateway: the answer was a text/html page, not Okta's JSON error, so a proxy or gateway probably answered.", e.Message);
        Assert.DoesNotContain("upstream", e.Message);
        Assert.DoesNotContain("00abcdef", e.Message);
    }

    [Fact]
    public async Task An_error_body_that_claims_json_but_is_not_reads_from_the_status_alone()
    {
        _wire.On(Request.Create().WithPath(AppUsers).UsingGet(), WireApi.Json("""{"errorCode": "E00""", 403));

        var e = await Assert.ThrowsAsync<ApiException>(() => ListAppUsers());

        Assert.Equal("Forbidden", e.Code);
        Assert.Contains("(HTTP 403, Forbidden): Forbidden. The Okta credential lacks a permission", e.Message);
    }

    [Fact]
    public async Task A_dpop_failure_is_read_from_the_www_authenticate_header()
    {
        _wire.On(Request.Create().WithPath(AppUsers).UsingGet(), Response.Create().WithStatusCode(400)
            .WithHeader("WWW-Authenticate", "DPoP algs=\"RS256 ES256\", error=\"invalid_dpop_proof\", error_description=\"'htu' claim in the DPoP proof JWT is invalid.\""));

        var e = await Assert.ThrowsAsync<ApiException>(() => ListAppUsers());

        Assert.Equal("BadRequest", e.Code);
        Assert.Contains("(HTTP 400, BadRequest): Bad Request: 'htu' claim in the DPoP proof JWT is invalid.", e.Message);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_redirect_is_an_error_naming_where_it_pointed_and_is_not_followed(int status)
    {
        _wire.On(Request.Create().WithPath(AppUsers).UsingGet(), Response.Create().WithStatusCode(status)
            .WithHeader("Location", $"{_wire.Url}/elsewhere/users?token=00secret"));

        var e = await Assert.ThrowsAsync<ApiException>(() => ListAppUsers());

        Assert.Equal("redirect", e.Code);
        Assert.Equal(status, e.StatusCode);
        Assert.Contains($"the API answered with a redirect to {_wire.Url}/elsewhere/users; redirects are not followed", e.Message);
        Assert.DoesNotContain("00secret", e.Message);
        Assert.Single(_wire.Requests);
    }

    [Fact]
    public async Task A_redirect_without_a_location_still_is_an_error()
    {
        _wire.On(Request.Create().WithPath(AppUsers).UsingGet(), Response.Create().WithStatusCode(302));

        var e = await Assert.ThrowsAsync<ApiException>(() => ListAppUsers());

        Assert.Equal("redirect", e.Code);
        Assert.Contains("redirect to no location", e.Message);
    }

    [Fact]
    public async Task An_answer_larger_than_max_response_bytes_is_not_read()
    {
        var users = string.Join(',', Enumerable.Range(0, 100).Select(i => $$"""{"id":"00u{{i:000}}","externalId":"U{{i:000}}","status":"ACTIVE"}"""));
        _wire.On(Request.Create().WithPath(AppUsers).UsingGet(), WireApi.Json($"[{users}]"));

        var e = await Assert.ThrowsAsync<ApiException>(() => ListAppUsers(Client(maxResponseBytes: 1024)));

        Assert.Equal("response_too_large", e.Code);
        Assert.Contains("the answer is larger than 1,024 bytes (Http:MaxResponseBytes) and was not read", e.Message);
    }

    [Theory]
    [InlineData("""[{"id":"00u1"},{"externalId":"U2"}]""")]
    [InlineData("""[{"id":"00u1"},{"id":""}]""")]
    [InlineData("""[{"id":"00u1"},{"id":null}]""")]
    [InlineData("""[{"id":"00u1"},null]""")]
    [InlineData("""{"id":"00u1"}""")]
    [InlineData("null")]
    public async Task A_page_with_an_item_without_an_id_or_of_another_shape_is_malformed(string body)
    {
        _wire.On(Request.Create().WithPath(AppUsers).UsingGet(), WireApi.Json(body));

        var e = await Assert.ThrowsAsync<ApiException>(() => ListAppUsers());

        Assert.Equal("malformed_response", e.Code);
    }

    [Fact]
    public async Task A_200_html_page_is_not_json()
    {
        _wire.On(Request.Create().WithPath("/api/v1/users").UsingGet(), Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/html; charset=utf-8").WithBody("<html>Okta</html>"));

        var e = await Assert.ThrowsAsync<ApiException>(() => Client().StreamUsersAsync(CancellationToken.None).ToListAsync().AsTask());

        Assert.Equal("not_json", e.Code);
    }

    [Fact]
    public async Task Search_by_email_sends_okta_search_with_the_quote_escaped_and_reads_the_users()
    {
        _wire.On(Request.Create().WithPath("/api/v1/users").UsingGet(), WireApi.Json("""[{"id":"00u1","status":"ACTIVE","profile":{"email":"o\"brien@example.com","login":"obrien"}}]"""));

        var users = await Client().FindUsersByEmailAsync("o\"brien@example.com", CancellationToken.None);

        Assert.Equal("00u1", Assert.Single(users).Id);
        var request = Assert.Single(_wire.Requests);
        Assert.Equal(["profile.email eq \"o\\\"brien@example.com\""], request.Query!["search"]);
        Assert.Equal(["200"], request.Query["limit"]);
    }

    [Fact]
    public async Task Search_by_email_with_a_null_user_is_malformed()
    {
        _wire.On(Request.Create().WithPath("/api/v1/users").UsingGet(), WireApi.Json("[null]"));

        var e = await Assert.ThrowsAsync<ApiException>(() => Client().FindUsersByEmailAsync("ada@example.com", CancellationToken.None));

        Assert.Equal("malformed_response", e.Code);
    }
}
