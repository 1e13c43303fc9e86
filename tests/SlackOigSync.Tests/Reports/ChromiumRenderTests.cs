using System.Diagnostics;
using SlackOigSync.Tests.Support;
using Xunit.Abstractions;

namespace SlackOigSync.Tests.Reports;

/// <summary>
/// The report as a browser shows it: headless Chromium (Debian's chromium, installed by .ci/run) renders the page to a
/// screenshot kept in the test output, and its DOM dump must hold every role heading. No Chromium is a failure, not a skip.
/// </summary>
public sealed class ChromiumRenderTests(ITestOutputHelper log)
{
    [Fact]
    public async Task Headless_chromium_renders_the_report_and_keeps_a_screenshot()
    {
        var chromium = FindChromium();
        Assert.True(chromium is not null, "Chromium is not installed: neither 'chromium' nor 'chromium-browser' is on PATH. Install Debian's package (apt-get install -y chromium), as .ci/run does.");
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);
        var outputDirectory = OutputDirectory();
        var page = Path.Combine(outputDirectory, "report.html");
        var screenshot = Path.Combine(outputDirectory, "report.png");
        File.Delete(screenshot);
        Assert.Equal(0, (await cli.RunAsync("report", "--html", page)).ExitCode);
        var url = new Uri(page).AbsoluteUri;

        var (shotCode, _, shotErrors) = await RunChromiumAsync(chromium!, cli.Directory, $"--screenshot={screenshot}", "--window-size=1280,2000", url);
        var (domCode, dom, domErrors) = await RunChromiumAsync(chromium!, cli.Directory, "--dump-dom", url);

        log.WriteLine($"Report: {page}");
        log.WriteLine($"Screenshot: {screenshot}");
        Assert.True(shotCode == 0, $"chromium --screenshot exited {shotCode}: {shotErrors}");
        Assert.True(domCode == 0, $"chromium --dump-dom exited {domCode}: {domErrors}");
        var png = await File.ReadAllBytesAsync(screenshot);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.True(png.Length > 20_000, $"the screenshot is only {png.Length} bytes: a blank page?");
        foreach (var heading in new[] { "Current holders by role", "Analytics Admin", "Audit Logs Admin", "Role Admin", "Security Admin", "Workflow Admin", "Unresolved holders and conflicts", "Slack role holders per run" })
        {
            Assert.Contains(heading, dom);
        }

        Assert.Contains("<svg class=\"chart\"", dom);
    }

    private static string? FindChromium() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .SelectMany(d => new[] { Path.Combine(d, "chromium"), Path.Combine(d, "chromium-browser") })
        .FirstOrDefault(File.Exists);

    /// <summary>TestResults/report/ at the repository root (next to results.trx when scripts/test.sh runs), else the test's bin folder.</summary>
    private static string OutputDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SlackOigSync.sln")))
        {
            directory = directory.Parent;
        }

        var output = directory is null ? Path.Combine(AppContext.BaseDirectory, "report") : Path.Combine(directory.FullName, "TestResults", "report");
        Directory.CreateDirectory(output);
        return output;
    }

    /// <summary>One headless Chromium with a fresh profile and no background networking (this machine has no network to offer it).</summary>
    private static async Task<(int ExitCode, string Output, string Errors)> RunChromiumAsync(string chromium, string scratch, params string[] args)
    {
        var start = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", $"--user-data-dir={Path.Combine(scratch, "chromium-profile-" + Guid.NewGuid().ToString("N"))}", .. args])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("headless Chromium did not finish within 90 seconds");
        }

        return (process.ExitCode, await output, await errors);
    }
}
