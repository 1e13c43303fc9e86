using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using SlackOigSync.Sandbox.Seed;

namespace SlackOigSync.Bench;

/// <summary>The sandbox in its own process, on a generated org, driven through its control API.</summary>
public sealed class SandboxProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SandboxProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(5) };
    }

    public Uri BaseUrl { get; }

    public HttpClient Http { get; }

    public static async Task<SandboxProcess> StartAsync(int slackUsers, int assignments, int randomSeed)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                Path.Combine(AppContext.BaseDirectory, "SlackOigSync.Sandbox.dll"), "--quiet",
                "--generate-users", slackUsers.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--generate-assignments", assignments.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--random-seed", randomSeed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start)!;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("Sandbox listening on ", StringComparison.Ordinal))
            {
                var url = line["Sandbox listening on ".Length..].Split(' ')[0];
                _ = process.StandardOutput.ReadToEndAsync();
                return new SandboxProcess(process, new Uri(url));
            }
        }

        throw new InvalidOperationException("The sandbox did not start.");
    }

    public async Task<SandboxSeed> StateAsync() =>
        JsonSerializer.Deserialize<SandboxSeed>(await Http.GetStringAsync("_sandbox/state"), SeedLoader.Json)!;

    public async Task<Dictionary<string, long>> RequestsAsync() => await CountersAsync("requests");

    public async Task<Dictionary<string, long>> CountersAsync(string section)
    {
        using var counters = JsonDocument.Parse(await Http.GetStringAsync("_sandbox/counters"));
        return counters.RootElement.GetProperty(section).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
    }

    public async Task ResetCountersAsync() => (await Http.DeleteAsync("_sandbox/counters")).EnsureSuccessStatusCode();

    public async Task PutAsync(string path, object body) => (await Http.PutAsJsonAsync(path, body)).EnsureSuccessStatusCode();

    public async Task PostAsync(string path, object body) => (await Http.PostAsJsonAsync(path, body)).EnsureSuccessStatusCode();

    public async Task DeleteAsync(string pathAndQuery) => (await Http.DeleteAsync(pathAndQuery)).EnsureSuccessStatusCode();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
