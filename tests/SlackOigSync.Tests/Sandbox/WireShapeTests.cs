using System.Text.Json;
using System.Text.Json.Nodes;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Sandbox;

/// <summary>
/// The sandbox's JSON uses the field names and JSON types of Slack's recorded responses and Okta's spec examples
/// (copies kept under Samples/): every field it sends exists in the sample with the same kind of value.
/// </summary>
public sealed class WireShapeTests
{
    [Fact]
    public async Task Slack_users_info_matches_the_recorded_sample()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        AssertShape(Sample("slack.users.info.json"), await sandbox.SlackJsonAsync("users.info?user=U0ALICE0001"), "$");
    }

    [Fact]
    public async Task Slack_role_assignments_match_the_recorded_sample()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        AssertShape(Sample("slack.admin.roles.listAssignments.json"), await sandbox.SlackJsonAsync("admin.roles.listAssignments?limit=3"), "$");
    }

    [Fact]
    public async Task Oig_grants_and_values_and_okta_app_users_and_errors_match_the_spec_examples()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var grants = await sandbox.OktaJsonAsync($"governance/api/v1/grants?filter={TestSandbox.GrantFilter(sandbox.AppId, "entitlements.id eq \"esp1slacksysrole0001\"")}");
        AssertShape(Sample("okta.grant-entitlement-full.json"), grants["data"]![0]!, "$.grant");

        var values = await sandbox.OktaJsonAsync("governance/api/v1/entitlements/esp1slacksysrole0001/values");
        AssertShape(Sample("okta.entitlement-value.json"), values["data"]![0]!, "$.value");

        var appUsers = await sandbox.OktaJsonAsync($"api/v1/apps/{sandbox.AppId}/users");
        AssertShape(Sample("okta.app-user.json"), appUsers[0]!, "$.appUser");

        using var error = await sandbox.OktaAsync(HttpMethod.Get, "api/v1/users", apiToken: "wrong");
        AssertShape(Sample("okta.error.json"), await TestSandbox.JsonAsync(error), "$.error");
    }

    private static JsonNode Sample(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", name)))!;

    private static void AssertShape(JsonNode sample, JsonNode actual, string path)
    {
        if (actual is JsonObject actualObject)
        {
            var sampleObject = Assert.IsType<JsonObject>(sample);
            foreach (var (key, value) in actualObject)
            {
                Assert.True(sampleObject.ContainsKey(key), $"{path}.{key} is not in the sample");
                if (value is not null && sampleObject[key] is { } expected)
                {
                    AssertShape(expected, value, $"{path}.{key}");
                }
            }
        }
        else if (actual is JsonArray actualArray)
        {
            var sampleArray = Assert.IsType<JsonArray>(sample);
            foreach (var item in actualArray.Where(i => i is not null))
            {
                if (sampleArray.Count > 0 && sampleArray[0] is { } expected)
                {
                    AssertShape(expected, item!, path + "[]");
                }
            }
        }
        else
        {
            var kind = actual.GetValueKind();
            var expectedKind = sample.GetValueKind();
            Assert.True(
                kind == expectedKind || (kind is JsonValueKind.True or JsonValueKind.False && expectedKind is JsonValueKind.True or JsonValueKind.False),
                $"{path} is {kind} but the sample has {expectedKind}");
        }
    }
}
