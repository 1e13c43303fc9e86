using SlackOigSync.Demo;

namespace SlackOigSync.Tests.Demo;

/// <summary>The README's first command: the demo's acts end as it says, and the blocked act posts an alert the sandbox keeps.</summary>
public sealed class DemoTests
{
    [Fact]
    public async Task The_demo_runs_its_five_acts_and_the_blocked_one_posts_a_slack_alert()
    {
        var directory = Path.Combine(Path.GetTempPath(), "slack-oig-sync-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            using var output = new StringWriter();
            using var errors = new StringWriter();
            var config = Path.Combine(AppContext.BaseDirectory, "config");
            var code = await DemoProgram.RunAsync(
                ["--config", Path.Combine(config, "appsettings.json")], output, errors,
                new Dictionary<string, string?>
                {
                    ["Demo:SeedPath"] = Path.Combine(config, "sandbox-seed.json"),
                    ["Demo:DatabasePath"] = Path.Combine(directory, "demo.db"),
                    ["Sync:RoleCataloguePath"] = Path.Combine(config, "slack-roles.json"),
                },
                CancellationToken.None);

            var text = output.ToString();
            Assert.True(code == 0, text + errors);
            Assert.Equal(3, text.Split("Result: SUCCESS (exit 0)").Length - 1);
            Assert.Contains("Result: BLOCKED (exit 4)", text);
            Assert.Contains("more than Sync:MaxRevocationShare (20%)", text);
            Assert.Contains("Alert posted to the sandbox's incoming webhook: \"slack-oig-sync run BLOCKED:", text);
            Assert.Contains("_sandbox/slack/messages", text);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
