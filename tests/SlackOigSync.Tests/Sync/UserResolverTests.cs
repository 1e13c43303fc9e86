using Microsoft.Extensions.Logging.Abstractions;
using SlackOigSync.Configuration;
using SlackOigSync.Http;
using SlackOigSync.Okta;
using SlackOigSync.Progress;
using SlackOigSync.Slack;
using SlackOigSync.Storage;
using SlackOigSync.Sync;
using SlackOigSync.Tests.Support;
using WireMock.RequestBuilders;

namespace SlackOigSync.Tests.Sync;

/// <summary>
/// UserResolver on its own, against Slack's users.info and Okta's user search written byte for byte (WireMock.Net):
/// who resolves through the app's externalId, who by email, and who stays unresolved and why.
/// </summary>
public sealed class UserResolverTests : IDisposable
{
    private readonly WireApi _wire = new();
    private readonly UserResolver _resolver;

    public UserResolverTests()
    {
        var limits = new HttpResilienceSettings();
        var slack = new SlackClient(_wire.Http("/api/"), new SlackGrantedScopes(), limits);
        var okta = new OktaClient(_wire.Http(), limits, OktaCredentialHints.ApiToken);
        var progress = new RunProgress(TimeProvider.System, NullLogger<RunProgress>.Instance, new ProgressDisplay(null));
        _resolver = new UserResolver(slack, okta, progress, NullLogger<UserResolver>.Instance);
    }

    public void Dispose() => _wire.Dispose();

    [Fact]
    public async Task A_holder_the_app_carries_as_externalId_resolves_without_any_look_up()
    {
        var resolution = await ResolveAsync(["U1"], new OktaAppUser("00u1", "U1"));

        var resolved = Assert.Single(resolution.Resolved.Values);
        Assert.Equal(("U1", "00u1", LinkSource.ExternalId), (resolved.SlackUserId, resolved.OktaUserId, resolved.ResolvedBy));
        Assert.Empty(resolution.Unresolved);
        Assert.Equal(0, resolution.LookedUp);
        Assert.Empty(_wire.Requests);
    }

    [Fact]
    public async Task A_holder_the_app_does_not_carry_resolves_by_email_and_is_named_if_not_assigned_to_the_app()
    {
        SlackUser("U2", """{"id":"U2","deleted":false,"is_bot":false,"profile":{"email":"b@example.com"}}""");
        OktaSearch("b@example.com", """[{"id":"00u2","status":"ACTIVE","profile":{"email":"b@example.com"}}]""");

        var resolution = await ResolveAsync(["U2"], new OktaAppUser("00u1", "U1"));

        var resolved = Assert.Single(resolution.Resolved.Values);
        Assert.Equal(("U2", "00u2", "b@example.com", LinkSource.Email), (resolved.SlackUserId, resolved.OktaUserId, resolved.Email, resolved.ResolvedBy));
        Assert.Equal("00u2", Assert.Single(resolution.NotAssignedToApp).OktaUserId);
        Assert.Equal(1, resolution.LookedUp);
    }

    [Fact]
    public async Task A_holder_resolved_by_email_who_is_assigned_to_the_app_is_not_named_as_unassigned()
    {
        SlackUser("U2", """{"id":"U2","profile":{"email":"b@example.com"}}""");
        OktaSearch("b@example.com", """[{"id":"00u2","status":"ACTIVE","profile":{"email":"b@example.com"}}]""");

        var resolution = await ResolveAsync(["U2"], new OktaAppUser("00u2"));

        Assert.Equal("00u2", resolution.Resolved["U2"].OktaUserId);
        Assert.Empty(resolution.NotAssignedToApp);
    }

    [Fact]
    public async Task No_Okta_user_with_the_email_or_only_a_deprovisioned_one_leaves_the_holder_unresolved_not_in_Okta()
    {
        SlackUser("U3", """{"id":"U3","profile":{"email":"gone@example.com"}}""");
        OktaSearch("gone@example.com", """[{"id":"00u3","status":"DEPROVISIONED","profile":{"email":"gone@example.com"}}]""");
        SlackUser("U4", """{"id":"U4","profile":{"email":"none@example.com"}}""");
        OktaSearch("none@example.com", "[]");

        var resolution = await ResolveAsync(["U3", "U4"]);

        Assert.Empty(resolution.Resolved);
        Assert.Equal(
            [("U3", "gone@example.com", UnresolvedReason.NotInOkta), ("U4", "none@example.com", UnresolvedReason.NotInOkta)],
            resolution.Unresolved.Select(u => (u.SlackUserId, u.Email, u.Reason)));
    }

    [Fact]
    public async Task A_deleted_Slack_user_and_a_bot_are_set_apart_and_never_searched_for_in_Okta()
    {
        SlackUser("U5", """{"id":"U5","deleted":true,"profile":{"email":"left@example.com"}}""");
        SlackUser("B6", """{"id":"B6","is_bot":true,"profile":{}}""");
        SlackUser("U7", """{"id":"U7","profile":{}}""");

        var resolution = await ResolveAsync(["U5", "B6", "U7"]);

        Assert.Equal(["U5"], resolution.DeletedSlackUsers);
        Assert.Equal(["B6"], resolution.BotSlackUsers);
        var noEmail = Assert.Single(resolution.Unresolved);
        Assert.Equal(("U7", UnresolvedReason.NoEmail), (noEmail.SlackUserId, noEmail.Reason));
        Assert.Empty(resolution.Resolved);
        Assert.DoesNotContain(_wire.Requests, r => r.Path == "/api/v1/users");
    }

    [Fact]
    public async Task A_user_Slack_does_not_know_is_unresolved_not_found_in_Slack()
    {
        _wire.On(Request.Create().WithPath("/api/users.info").UsingGet().WithParam("user", "U8"), WireApi.Json("""{"ok":false,"error":"user_not_found"}"""));

        var resolution = await ResolveAsync(["U8"]);

        Assert.Equal(UnresolvedReason.NotFoundInSlack, Assert.Single(resolution.Unresolved).Reason);
        Assert.Empty(resolution.DeletedSlackUsers); // only a positive "deleted" counts as deleted
    }

    [Fact]
    public async Task Two_Okta_users_with_the_holders_email_are_a_conflict_and_neither_is_chosen()
    {
        SlackUser("U9", """{"id":"U9","profile":{"email":"twin@example.com"}}""");
        OktaSearch("twin@example.com", """[{"id":"00uA","status":"ACTIVE"},{"id":"00uB","status":"ACTIVE"}]""");

        var resolution = await ResolveAsync(["U9"]);

        Assert.Empty(resolution.Resolved);
        var conflict = Assert.Single(resolution.Conflicts);
        Assert.Equal(["00uA", "00uB"], conflict.Candidates);
        Assert.Contains("2 Okta users share this email", conflict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_app_users_carrying_the_same_Slack_id_are_a_conflict_without_any_look_up()
    {
        var resolution = await ResolveAsync(["U1"], new OktaAppUser("00u1", "U1"), new OktaAppUser("00u9", "U1"));

        Assert.Empty(resolution.Resolved);
        var conflict = Assert.Single(resolution.Conflicts);
        Assert.Equal(["00u1", "00u9"], conflict.Candidates.Order(StringComparer.Ordinal));
        Assert.Empty(_wire.Requests);
    }

    private async Task<UserResolution> ResolveAsync(string[] slackUserIds, params OktaAppUser[] appUsers)
    {
        var index = await AppUserIndex.ReadAsync(appUsers.ToAsyncEnumerable());
        return await _resolver.ResolveAsync(slackUserIds, index, concurrency: 1, BulkLookupMode.Never, CancellationToken.None);
    }

    private void SlackUser(string id, string user) =>
        _wire.On(Request.Create().WithPath("/api/users.info").UsingGet().WithParam("user", id), WireApi.Json($$"""{"ok":true,"user":{{user}}}"""));

    private void OktaSearch(string email, string users) =>
        _wire.On(Request.Create().WithPath("/api/v1/users").UsingGet().WithParam("search", $"profile.email eq \"{email}\""), WireApi.Json(users));
}
