using SlackOigSync.Configuration;
using SlackOigSync.Governance;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Cli;

/// <summary>'campaign create' and 'campaign list' against the sandbox's campaigns API, and the settings they take.</summary>
public sealed class CampaignCommandTests
{
    private const string Grace = "00u1grace00000000008";

    [Fact]
    public async Task A_second_create_of_the_same_name_creates_nothing_and_list_shows_the_slack_apps_campaigns()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Campaign:FallbackReviewerId"] = Grace;
        cli.Overrides["Campaign:Recurrence"] = "None";
        cli.Overrides["Campaign:DurationInDays"] = "21";
        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);

        var (first, firstOutput, _) = await cli.RunAsync("campaign", "create", "--name", "Slack roles Q1");
        var (second, secondOutput, _) = await cli.RunAsync("campaign", "create", "--name", "Slack roles Q1", "--launch");
        var (third, thirdOutput, _) = await cli.RunAsync("campaign", "create", "--name", "Slack roles Q1", "--launch");

        Assert.Equal((0, 0, 0), (first, second, third));
        Assert.Contains("one-off, 21 days", firstOutput);
        Assert.Contains("exists already", secondOutput);
        Assert.Contains("Launched campaign", secondOutput); // the scheduled one of that name is launched, not a new one made
        Assert.Contains("exists already", thirdOutput);
        Assert.DoesNotContain("Launched", thirdOutput);
        var all = (await sandbox.OktaJsonAsync("governance/api/v1/campaigns"))["data"]!.AsArray();
        var campaign = Assert.Single(all)!;
        Assert.Equal("ACTIVE", campaign["status"]!.GetValue<string>());
        var full = await sandbox.OktaJsonAsync($"governance/api/v1/campaigns/{campaign["id"]!.GetValue<string>()}");
        Assert.Equal("REVIEWER_EXPRESSION", full["reviewerSettings"]!["type"]!.GetValue<string>());
        Assert.Equal("user.profile.managerId", full["reviewerSettings"]!["reviewerScopeExpression"]!.GetValue<string>());
        Assert.Equal("DENY", full["remediationSettings"]!["accessRevoked"]!.GetValue<string>());
        Assert.True(full["resourceSettings"]!["includeEntitlements"]!.GetValue<bool>()); // an entitlement review, not an app-assignment one
        Assert.Equal(sandbox.AppId, full["resourceSettings"]!["targetResources"]![0]!["resourceId"]!.GetValue<string>());

        var (listed, listOutput, _) = await cli.RunAsync("campaign", "list");
        Assert.Equal(0, listed);
        Assert.Contains("Campaigns over the Slack app", listOutput);
        Assert.Contains("Slack roles Q1", listOutput);
        Assert.Contains("ACTIVE", listOutput);
    }

    [Fact]
    public async Task A_campaign_of_that_name_over_another_app_is_never_launched_and_nothing_is_created()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Campaign:FallbackReviewerId"] = Grace;
        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);
        using var other = await sandbox.OktaAsync(HttpMethod.Post, "governance/api/v1/campaigns", new
        {
            name = "Sales Q1",
            scheduleSettings = new { type = "ONE_OFF", startDate = "2027-01-04T09:00:00Z", durationInDays = 14, timeZone = "UTC" },
            resourceSettings = new { targetTypes = new[] { "APPLICATION" }, targetResources = new[] { new { resourceId = "0oa1salesforce000001", resourceType = "APPLICATION" } } },
            reviewerSettings = new { type = "USER", reviewerId = Grace },
            remediationSettings = new { accessApproved = "NO_ACTION", accessRevoked = "DENY", noResponse = "DENY" },
        });
        Assert.Equal(201, (int)other.StatusCode);

        var (code, output, errors) = await cli.RunAsync("campaign", "create", "--name", "Sales Q1", "--launch");

        Assert.Equal(2, code);
        Assert.Contains("A campaign named 'Sales Q1' exists already over other resources", errors);
        Assert.DoesNotContain("Launched", output);
        var only = Assert.Single((await sandbox.OktaJsonAsync("governance/api/v1/campaigns"))["data"]!.AsArray())!;
        Assert.Equal("SCHEDULED", only["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Q \"quoted\"")]
    [InlineData("Q back\\slash")]
    public async Task A_name_with_quotes_or_backslashes_is_found_again_so_a_second_create_makes_nothing(string name)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Campaign:FallbackReviewerId"] = Grace;
        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);

        var (first, firstOutput, firstErrors) = await cli.RunAsync("campaign", "create", "--name", name);
        var (second, secondOutput, _) = await cli.RunAsync("campaign", "create", "--name", name);

        Assert.True(first == 0, firstOutput + firstErrors);
        Assert.Equal(0, second);
        Assert.Contains("exists already", secondOutput);
        Assert.Equal(name, Assert.Single((await sandbox.OktaJsonAsync("governance/api/v1/campaigns"))["data"]!.AsArray())!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_before_any_sync_says_to_run_one_first_and_creates_nothing()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        sandbox.Change(s => s.Entitlements.Remove(s.Entitlements.All.Single(e => e.ExternalValue == "slack_system_role").Id)); // no sync has made it yet
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Campaign:FallbackReviewerId"] = Grace;

        var (code, _, errors) = await cli.RunAsync("campaign", "create", "--name", "Q1");

        Assert.Equal(2, code);
        Assert.Contains("Run a sync first", errors);
        Assert.Empty((await sandbox.OktaJsonAsync("governance/api/v1/campaigns"))["data"]!.AsArray());
    }

    [Theory]
    [InlineData("Campaign:FallbackReviewerId", "", "Campaign:FallbackReviewerId must be the Okta user id")]
    [InlineData("Campaign:DurationInDays", "120", "Campaign:DurationInDays (120) must be between 1 and 89: a Quarterly campaign must end before the next one starts")]
    [InlineData("Campaign:TimeZone", "Mars/Olympus", "Campaign:TimeZone 'Mars/Olympus' is not an IANA time zone")]
    [InlineData("Campaign:StartDate", "next tuesday", "Campaign:StartDate 'next tuesday' is not an ISO 8601 date-time")]
    [InlineData("Campaign:Reviewer", "User", "Campaign:ReviewerId must be the Okta user id")]
    [InlineData("Campaign:Recurrence", "Weekly", "Campaign:Recurrence")]
    public async Task A_campaign_setting_that_cannot_work_is_refused_before_any_call(string setting, string value, string message)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Campaign:FallbackReviewerId"] = Grace;
        cli.Overrides[setting] = value;
        var before = await sandbox.TotalRequestsAsync();

        var (code, _, errors) = await cli.RunAsync("campaign", "create", "--name", "Q1");

        Assert.Equal(2, code);
        Assert.Contains(message, errors);
        Assert.Equal(before, await sandbox.TotalRequestsAsync());
    }

    [Fact]
    public void The_body_follows_the_settings_quarterly_from_the_next_whole_hour_by_default()
    {
        var body = CampaignBody.Build(new CampaignSettings { FallbackReviewerId = Grace }, "Q1", "0oaapp", "esp1", new DateTimeOffset(2026, 12, 6, 10, 17, 0, TimeSpan.Zero));

        Assert.Equal(("RECURRING", "2026-12-06T11:00:00+00:00", "P3M", 14), (body.ScheduleSettings.Type, body.ScheduleSettings.StartDate, body.ScheduleSettings.Recurrence!.Interval, body.ScheduleSettings.DurationInDays));
        Assert.Equal(("NO_ACTION", "DENY", "NO_ACTION"), (body.RemediationSettings.AccessApproved, body.RemediationSettings.AccessRevoked, body.RemediationSettings.NoResponse));
        Assert.True(Assert.Single(Assert.Single(body.ResourceSettings.TargetResources).Entitlements).IncludeAllValues);

        var named = CampaignBody.Build(new CampaignSettings { Reviewer = CampaignReviewer.User, ReviewerId = Grace, Recurrence = CampaignRecurrence.None }, "Q1", "0oaapp", "esp1", DateTimeOffset.UnixEpoch);
        Assert.Equal(("USER", Grace, null), (named.ReviewerSettings.Type, named.ReviewerSettings.ReviewerId, named.ScheduleSettings.Recurrence));
    }
}
