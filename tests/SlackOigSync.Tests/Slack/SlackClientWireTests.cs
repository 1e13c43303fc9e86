using SlackOigSync.Http;
using SlackOigSync.Slack;
using SlackOigSync.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace SlackOigSync.Tests.Slack;

/// <summary>SlackClient against answers written byte for byte (WireMock.Net): paging, Slack's error shapes, odd bodies and headers.</summary>
public sealed class SlackClientWireTests : IDisposable
{
    private const string ListAssignments = "/api/admin.roles.listAssignments";
    private const string RemoveAssignments = "/api/admin.roles.removeAssignments";

    private readonly WireApi _wire = new();
    private readonly SlackGrantedScopes _scopes = new();
    private readonly SlackClient _client;

    public SlackClientWireTests() => _client = new SlackClient(_wire.Http("/api/"), _scopes, new HttpResilienceSettings());

    public void Dispose() => _wire.Dispose();

    [Fact]
    public async Task Role_assignments_are_read_page_after_page_until_next_cursor_is_empty()
    {
        _wire.On(Request.Create().WithPath(ListAssignments).UsingGet().WithParam("cursor", "dXNlcjpVMg=="), WireApi.Json("""
            {"ok":true,"role_assignments":[{"role_id":"Rl02","entity_id":"E1","user_id":"U2","date_create":2}],"response_metadata":{"next_cursor":""}}
            """), priority: 1);
        _wire.On(Request.Create().WithPath(ListAssignments).UsingGet(), WireApi.Json("""
            {"ok":true,"role_assignments":[{"role_id":"Rl01","entity_id":"E1","user_id":"U1","date_create":1}],"response_metadata":{"next_cursor":"dXNlcjpVMg=="}}
            """));

        var assignments = await _client.StreamRoleAssignmentsAsync(["Rl01", "Rl02"], CancellationToken.None).ToListAsync();

        Assert.Equal(["U1", "U2"], assignments.Select(a => a.UserId));
        Assert.Equal(["Rl01", "Rl02"], assignments.Select(a => a.RoleId));
        var requests = _wire.Requests;
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r =>
        {
            Assert.Equal("200", r.Query!["limit"].Single());
            Assert.Equal("ASC", r.Query["sort_dir"].Single());
            Assert.Equal("Rl01,Rl02", r.Query["role_ids"].Single());
        });
        Assert.False(requests[0].Query!.ContainsKey("cursor"));
        Assert.Equal("dXNlcjpVMg==", requests[1].Query!["cursor"].Single());
    }

    [Fact]
    public async Task A_cursor_that_comes_back_stops_the_listing_as_repeated()
    {
        _wire.On(Request.Create().WithPath(ListAssignments).UsingGet(), WireApi.Json("""
            {"ok":true,"role_assignments":[],"response_metadata":{"next_cursor":"same"}}
            """));

        var e = await Assert.ThrowsAsync<ApiException>(() => _client.StreamRoleAssignmentsAsync(null, CancellationToken.None).ToListAsync().AsTask());

        Assert.Equal("repeated_page", e.Code);
        Assert.Equal(2, _wire.Requests.Count);
    }

    [Fact]
    public async Task Missing_scope_reads_as_the_scope_to_add_and_the_scopes_the_token_has()
    {
        _wire.On(Request.Create().WithPath(ListAssignments).UsingGet(), WireApi.Json("""
            {"ok":false,"error":"missing_scope","needed":"admin.roles:read","provided":"admin,admin.users:read"}
            """));

        var e = await Assert.ThrowsAsync<ApiException>(() => _client.StreamRoleAssignmentsAsync(null, CancellationToken.None).ToListAsync().AsTask());

        Assert.Equal("missing_scope", e.Code);
        Assert.Equal(200, e.StatusCode);
        Assert.Equal(
            "Slack admin.roles.listAssignments failed (HTTP 200, missing_scope): the Slack token lacks the 'admin.roles:read' scope (it has: admin,admin.users:read). Add 'admin.roles:read' to the Slack app's user token scopes and reinstall the app org-wide.",
            e.Message);
    }

    [Fact]
    public async Task An_ok_false_answer_without_an_error_reads_as_unknown_error()
    {
        _wire.On(Request.Create().WithPath("/api/admin.users.list").UsingGet(), WireApi.Json("""{"ok":false}"""));

        var e = await Assert.ThrowsAsync<ApiException>(() => _client.StreamAdminUsersAsync(CancellationToken.None).ToListAsync().AsTask());

        Assert.Equal("unknown_error", e.Code);
    }

    [Fact]
    public async Task A_200_that_is_not_json_is_not_read()
    {
        _wire.On(Request.Create().WithPath(ListAssignments).UsingGet(),
            Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/html").WithBody("<html><body>Sign in to continue</body></html>"));

        var e = await Assert.ThrowsAsync<ApiException>(() => _client.StreamRoleAssignmentsAsync(null, CancellationToken.None).ToListAsync().AsTask());

        Assert.Equal("not_json", e.Code);
        Assert.Contains("answered with text/html, not JSON", e.Message);
        Assert.DoesNotContain("Sign in", e.Message);
    }

    [Fact]
    public async Task A_json_body_that_is_cut_off_is_malformed()
    {
        _wire.On(Request.Create().WithPath(ListAssignments).UsingGet(), WireApi.Json("""{"ok":true,"role_assignments":[{"role_id":"Rl01","""));

        var e = await Assert.ThrowsAsync<ApiException>(() => _client.StreamRoleAssignmentsAsync(null, CancellationToken.None).ToListAsync().AsTask());

        Assert.Equal("malformed_response", e.Code);
    }

    [Fact]
    public async Task An_ok_answer_without_role_assignments_is_malformed_never_empty()
    {
        _wire.On(Request.Create().WithPath(ListAssignments).UsingGet(), WireApi.Json("""{"ok":true,"response_metadata":{"next_cursor":""}}"""));

        var e = await Assert.ThrowsAsync<ApiException>(() => _client.StreamRoleAssignmentsAsync(null, CancellationToken.None).ToListAsync().AsTask());

        Assert.Equal("malformed_response", e.Code);
        Assert.Contains("Slack answered ok without 'role_assignments'", e.Message);
    }

    [Fact]
    public async Task An_assignment_without_a_user_id_is_malformed()
    {
        _wire.On(Request.Create().WithPath(ListAssignments).UsingGet(), WireApi.Json("""
            {"ok":true,"role_assignments":[{"role_id":"Rl01","entity_id":"E1","date_create":1}]}
            """));

        var e = await Assert.ThrowsAsync<ApiException>(() => _client.StreamRoleAssignmentsAsync(null, CancellationToken.None).ToListAsync().AsTask());

        Assert.Equal("malformed_response", e.Code);
        Assert.Contains("role_assignments[].role_id or user_id", e.Message);
    }

    [Fact]
    public async Task The_x_oauth_scopes_header_is_observed_from_every_answer()
    {
        Assert.Null(_client.GrantedScopes);
        _wire.On(Request.Create().WithPath(ListAssignments).UsingGet(),
            WireApi.Json("""{"ok":true,"role_assignments":[]}""").WithHeader("x-oauth-scopes", "admin.roles:read, admin.users:read,,admin.roles:write"));

        await _client.StreamRoleAssignmentsAsync(null, CancellationToken.None).ToListAsync();

        Assert.Equal(["admin.roles:read", "admin.roles:write", "admin.users:read"], _client.GrantedScopes!.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_scopes_are_observed_even_from_an_error_answer()
    {
        _wire.On(Request.Create().WithPath(ListAssignments).UsingGet(),
            WireApi.Json("""{"ok":false,"error":"missing_scope","needed":"admin.roles:read","provided":"admin.users:read"}""").WithHeader("x-oauth-scopes", "admin.users:read"));

        await Assert.ThrowsAsync<ApiException>(() => _client.StreamRoleAssignmentsAsync(null, CancellationToken.None).ToListAsync().AsTask());

        Assert.Equal(["admin.users:read"], _client.GrantedScopes!);
    }

    [Theory]
    [InlineData(429, "TooManyRequests", "Slack kept rate-limiting after every retry; run again later.")]
    [InlineData(503, "ServiceUnavailable", "Slack answered with an HTTP error; run again later.")]
    public async Task An_http_error_status_reads_as_the_status_and_a_sentence(int status, string code, string sentence)
    {
        _wire.On(Request.Create().WithPath(ListAssignments).UsingGet(), WireApi.Json("""{"ok":false,"error":"ratelimited"}""", status).WithHeader("Retry-After", "1"));

        var e = await Assert.ThrowsAsync<ApiException>(() => _client.StreamRoleAssignmentsAsync(null, CancellationToken.None).ToListAsync().AsTask());

        Assert.Equal(code, e.Code);
        Assert.Equal(status, e.StatusCode);
        Assert.EndsWith(sentence, e.Message);
    }

    [Fact]
    public async Task Users_info_user_not_found_is_null_and_an_ok_answer_without_a_user_is_malformed()
    {
        _wire.On(Request.Create().WithPath("/api/users.info").UsingGet().WithParam("user", "U404"), WireApi.Json("""{"ok":false,"error":"user_not_found"}"""));
        _wire.On(Request.Create().WithPath("/api/users.info").UsingGet().WithParam("user", "U1"), WireApi.Json("""{"ok":true}"""));

        Assert.Null(await _client.GetUserAsync("U404", CancellationToken.None));
        var e = await Assert.ThrowsAsync<ApiException>(() => _client.GetUserAsync("U1", CancellationToken.None));
        Assert.Equal("malformed_response", e.Code);
        Assert.Contains("without 'user'", e.Message);
    }

    [Fact]
    public async Task Remove_assignments_posts_the_role_users_and_entities_exactly_as_given()
    {
        _wire.On(Request.Create().WithPath(RemoveAssignments).UsingPost(), WireApi.Json("""{"ok":true}"""));

        var result = await _client.RemoveRoleAssignmentsAsync("Rl0A", ["W0AB1", "U0CD2"], ["E0ORG", "T0TEAM"], CancellationToken.None);

        Assert.Same(SlackRoleChangeResult.None, result);
        var request = Assert.Single(_wire.Requests);
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Headers!["Content-Type"].Single());
        var form = WireApi.Form(request);
        Assert.Equal(3, form.Count);
        Assert.Equal("Rl0A", form["role_id"]);
        Assert.Equal("W0AB1,U0CD2", form["user_ids"]);
        Assert.Equal("E0ORG,T0TEAM", form["entity_ids"]);
    }

    [Fact]
    public async Task Failed_for_some_users_returns_the_refused_users_with_slacks_reasons()
    {
        _wire.On(Request.Create().WithPath(RemoveAssignments).UsingPost(), WireApi.Json("""
            {"ok":false,"error":"failed_for_some_users","rejected_users":[{"id":"U2","error":"user_not_found"},{"id":"U3"}]}
            """));

        var result = await _client.RemoveRoleAssignmentsAsync("Rl01", ["U1", "U2", "U3"], ["E1"], CancellationToken.None);

        Assert.Equal(new Dictionary<string, string> { ["U2"] = "user_not_found", ["U3"] = "rejected" }, result.RejectedUsers);
        Assert.Empty(result.RejectedEntities);
    }

    [Fact]
    public async Task No_valid_users_refuses_every_user_sent_with_slacks_reason_where_given()
    {
        _wire.On(Request.Create().WithPath(RemoveAssignments).UsingPost(), WireApi.Json("""
            {"ok":false,"error":"no_valid_users","rejected_users":[{"id":"U1","error":"user_not_found"}]}
            """));

        var result = await _client.RemoveRoleAssignmentsAsync("Rl01", ["U1", "U2"], ["E1"], CancellationToken.None);

        Assert.Equal(new Dictionary<string, string> { ["U1"] = "user_not_found", ["U2"] = "no_valid_users" }, result.RejectedUsers);
        Assert.Empty(result.RejectedEntities);
    }

    [Fact]
    public async Task Failed_for_some_entities_returns_the_refused_entities()
    {
        _wire.On(Request.Create().WithPath(RemoveAssignments).UsingPost(), WireApi.Json("""
            {"ok":false,"error":"failed_for_some_entities","rejected_entities":[{"id":"T2","error":"invalid_entity"}]}
            """));

        var result = await _client.RemoveRoleAssignmentsAsync("Rl01", ["U1"], ["T1", "T2"], CancellationToken.None);

        Assert.Empty(result.RejectedUsers);
        Assert.Equal(new Dictionary<string, string> { ["T2"] = "invalid_entity" }, result.RejectedEntities);
    }

    [Theory]
    [InlineData("""{"ok":false,"error":"failed_for_some_users"}""", "rejected_users or rejected_entities")]
    [InlineData("""{"ok":false,"error":"failed_for_some_users","rejected_users":[]}""", "rejected_users or rejected_entities")]
    [InlineData("""{"ok":false,"error":"no_valid_users","rejected_users":[{"error":"user_not_found"}]}""", "rejected_users[].id or rejected_entities[].id")]
    [InlineData("""{"ok":false,"error":"failed_for_some_users","rejected_users":[null]}""", "rejected_users[].id or rejected_entities[].id")]
    public async Task A_refusal_that_does_not_say_which_ids_it_refused_is_malformed(string body, string missing)
    {
        _wire.On(Request.Create().WithPath(RemoveAssignments).UsingPost(), WireApi.Json(body));

        var e = await Assert.ThrowsAsync<ApiException>(() => _client.RemoveRoleAssignmentsAsync("Rl01", ["U1"], ["E1"], CancellationToken.None));

        Assert.Equal("malformed_response", e.Code);
        Assert.Contains($"without '{missing}'", e.Message);
    }

    [Fact]
    public async Task Any_other_removal_error_throws_with_slacks_hint()
    {
        _wire.On(Request.Create().WithPath(RemoveAssignments).UsingPost(), WireApi.Json("""{"ok":false,"error":"not_allowed_token_type"}"""));

        var e = await Assert.ThrowsAsync<ApiException>(() => _client.RemoveRoleAssignmentsAsync("Rl01", ["U1"], ["E1"], CancellationToken.None));

        Assert.Equal("not_allowed_token_type", e.Code);
        Assert.Contains("bot tokens cannot call admin methods", e.Message);
    }

    [Fact]
    public async Task More_than_ten_users_are_refused_before_anything_is_sent()
    {
        var users = Enumerable.Range(0, SlackClient.MaxIdsPerRoleChange + 1).Select(i => $"U{i}").ToList();

        await Assert.ThrowsAsync<ArgumentException>(() => _client.RemoveRoleAssignmentsAsync("Rl01", users, ["E1"], CancellationToken.None));

        Assert.Empty(_wire.Requests);
    }
}
