using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SlackOigSync.Configuration;

namespace SlackOigSync.Tests.Deploy;

/// <summary>
/// deploy/*.yaml read as text (the tests have no YAML library): the CronJob sets only settings that exist, and the
/// Secret and ConfigMap it mounts hold what it points at.
/// </summary>
public sealed partial class DeploymentManifestTests
{
    private static readonly string CronJob = Read("cronjob.yaml");
    private static readonly string Secret = Read("secret.example.yaml");
    private static readonly string ConfigMap = Read("configmap.yaml");

    private static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "deploy", name));

    [Fact]
    public void Every_setting_the_cronjob_sets_exists_in_the_worker_settings()
    {
        var variables = SettingVariable().Matches(CronJob).Select(m => (Section: m.Groups[1].Value, Key: m.Groups[2].Value)).ToList();
        Assert.Contains(("Sync", "RoleCataloguePath"), variables);
        Assert.Contains(("Alerts", "SlackWebhookUrlFile"), variables);
        foreach (var (section, key) in variables)
        {
            var sectionType = typeof(AppSettings).GetProperty(section)?.PropertyType;
            Assert.True(sectionType?.GetProperty(key) is not null, $"deploy/cronjob.yaml sets {section}:{key}, which the worker does not read");
        }
    }

    [Fact]
    public void Every_secret_file_the_cronjob_names_is_a_key_of_the_example_secret()
    {
        Assert.Contains("secretName: slack-oig-sync ", CronJob, StringComparison.Ordinal);
        Assert.Matches(@"kind: Secret\s+metadata:\s+name: slack-oig-sync\s", Secret);
        var files = SecretFile().Matches(CronJob).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal(["slack-token", "okta-private-key.pem", "okta-api-token", "alerts-webhook-url"], files);
        foreach (var file in files)
        {
            Assert.Matches($@"\n  (# )?{Regex.Escape(file)}: ", Secret);
        }
    }

    [Fact]
    public void The_configmap_holds_the_role_catalogue_where_the_cronjob_points_Sync_RoleCataloguePath()
    {
        Assert.Matches(@"kind: ConfigMap\s+metadata:\s+name: slack-oig-sync-roles\s", ConfigMap);
        Assert.Matches(@"configMap:\s+name: slack-oig-sync-roles\s", CronJob);
        Assert.Matches(@"SLACK_OIG_SYNC_Sync__RoleCataloguePath\s.*\n\s+value: /etc/slack-oig-sync/slack-roles.json\n", CronJob);
        Assert.Contains("{ name: roles, mountPath: /etc/slack-oig-sync, readOnly: true }", CronJob, StringComparison.Ordinal);

        // The block scalar under "slack-roles.json: |", indented four spaces: the same catalogue as config/slack-roles.json.
        var block = ConfigMap[(ConfigMap.IndexOf("  slack-roles.json: |\n", StringComparison.Ordinal) + "  slack-roles.json: |\n".Length)..];
        var json = string.Join('\n', block.Split('\n').TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal) || l.Length == 0).Select(l => l.Length == 0 ? l : l[4..]));
        var shipped = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "config", "slack-roles.json"));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(shipped), JsonNode.Parse(json)), "deploy/configmap.yaml differs from config/slack-roles.json");

        var path = Path.Combine(Path.GetTempPath(), $"configmap-roles-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try
        {
            var (catalogue, problems) = RoleCatalogue.Load(path);
            Assert.Empty(problems);
            Assert.Equal(16, catalogue!.Names.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_job_has_a_deadline_json_logs_and_one_run_at_a_time()
    {
        Assert.Matches(@"\n      activeDeadlineSeconds: \d+\n", CronJob);
        Assert.Contains("args: [\"run\", \"--json-logs\"]", CronJob, StringComparison.Ordinal);
        Assert.Contains("concurrencyPolicy: Forbid", CronJob, StringComparison.Ordinal);
        Assert.Contains("backoffLimit: 0", CronJob, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"SLACK_OIG_SYNC_([A-Za-z]+)__([A-Za-z]+)")]
    private static partial Regex SettingVariable();

    [GeneratedRegex(@"/secrets/([a-z0-9-]+(?:\.[a-z]+)?)\b")]
    private static partial Regex SecretFile();
}
