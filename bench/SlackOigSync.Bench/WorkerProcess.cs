using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SlackOigSync.Bench;

/// <summary>One `run` of the real worker in its own process: exit code, wall time and its own report of peak memory.</summary>
public static partial class WorkerProcess
{
    public sealed record Outcome(int ExitCode, double WallSeconds, long PeakMegabytes, string Errors);

    public static async Task<Outcome> RunAsync(Uri sandbox, string databasePath, IReadOnlyDictionary<string, string> extra)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "SlackOigSync.dll"), "run", "--config", Path.Combine(AppContext.BaseDirectory, "config", "appsettings.json") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var settings = new Dictionary<string, string>
        {
            ["Slack__ApiBaseUrl"] = new Uri(sandbox, "slack/api/").ToString(),
            ["Slack__Token"] = "xoxp-sandbox-0000000001-user",
            ["Okta__OrgUrl"] = sandbox.ToString(),
            ["Okta__ApiToken"] = "00sandbox-okta-api-token-full-access",
            ["Sync__DatabasePath"] = databasePath,
            ["Sync__RoleCataloguePath"] = Path.Combine(AppContext.BaseDirectory, "config", "slack-roles.json"),
            ["Sync__AllowMassRevocation"] = "true",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            start.Environment["SLACK_OIG_SYNC_" + key] = value;
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        stopwatch.Stop();
        var log = await errors;
        await output;
        var peak = PeakLine().Match(log) is { Success: true } m ? long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
        return new Outcome(process.ExitCode, stopwatch.Elapsed.TotalSeconds, peak, log);
    }

    [GeneratedRegex("peak working set (\\d+) MB")]
    private static partial Regex PeakLine();
}
