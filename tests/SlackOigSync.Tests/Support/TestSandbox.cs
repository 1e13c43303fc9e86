using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SlackOigSync.Sandbox;
using SlackOigSync.Sandbox.Seed;
using SlackOigSync.Sandbox.State;

namespace SlackOigSync.Tests.Support;

/// <summary>A fresh sandbox per test, with raw HTTP helpers for the Slack, Okta, OIG and control APIs.</summary>
public sealed class TestSandbox : IAsyncDisposable
{
    private TestSandbox(SandboxHost host)
    {
        Host = host;
        Http = new HttpClient { BaseAddress = host.BaseUrl };
    }

    public SandboxHost Host { get; }

    public HttpClient Http { get; }

    public string AppId => Host.SlackAppId;

    public static SandboxSeed DemoSeed() => SeedLoader.ReadFile(Path.Combine(AppContext.BaseDirectory, "config", "sandbox-seed.json"));

    public static async Task<TestSandbox> StartAsync(SandboxSeed? seed = null) =>
        new(await SandboxHost.StartAsync(new SandboxOptions { Seed = seed ?? DemoSeed() }));

    public Task<HttpResponseMessage> SlackAsync(string methodAndQuery, string? token = null) =>
        Send(HttpMethod.Get, "slack/api/" + methodAndQuery, null, token is null ? null : new AuthenticationHeaderValue("Bearer", token));

    public Task<HttpResponseMessage> OktaAsync(HttpMethod method, string pathAndQuery, object? body = null, string? apiToken = null) =>
        Send(method, pathAndQuery, body, new AuthenticationHeaderValue("SSWS", apiToken ?? Host.Tokens.OktaApiToken));

    public static async Task<JsonNode> JsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        }
    }

    public async Task<JsonNode> SlackJsonAsync(string methodAndQuery, string? token = null) =>
        await JsonAsync(await SlackAsync(methodAndQuery, token ?? Host.Tokens.SlackUserToken));

    public async Task<JsonNode> OktaJsonAsync(string pathAndQuery) => await JsonAsync(await OktaAsync(HttpMethod.Get, pathAndQuery));

    /// <summary>The whole sandbox state as the control API serialises it; equal states give identical strings.</summary>
    public async Task<string> StateAsync() => await Http.GetStringAsync("_sandbox/state");

    public async Task<long> TotalRequestsAsync()
    {
        var counters = JsonNode.Parse(await Http.GetStringAsync("_sandbox/counters"))!;
        return counters["requests"]!.AsObject().Sum(kv => kv.Value!.GetValue<long>());
    }

    /// <summary>Changes the Slack truth or the Okta side directly, under the state's lock, as an admin would between runs.</summary>
    public void Change(Action<SandboxState> change)
    {
        lock (Host.State.Gate)
        {
            change(Host.State);
        }
    }

    /// <summary>Reads the state under its lock.</summary>
    public T Read<T>(Func<SandboxState, T> read)
    {
        lock (Host.State.Gate)
        {
            return read(Host.State);
        }
    }

    /// <summary>OIG holds exactly what Slack backs (by the independent oracle), with no (user, value) granted twice.</summary>
    public void AssertOigMatchesSlack()
    {
        lock (Host.State.Gate)
        {
            Assert.Equal(0, SyncTruth.Difference(Host.State));
            Assert.Equal(0, SyncTruth.Duplicates(Host.State));
        }
    }

    /// <summary>Completes once the sandbox has received <paramref name="count"/> requests to <paramref name="endpoint"/> (counted as they arrive).</summary>
    public Task WhenRequestedAsync(string endpoint, int count, CancellationToken cancellationToken = default) =>
        UntilAsync(() => Host.Traffic.Requests.GetValueOrDefault(endpoint) >= count, cancellationToken);

    /// <summary>Completes once no Slack, Okta or OIG request is being answered (e.g. the one a killed worker left behind).</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken = default) => UntilAsync(() => Host.Traffic.InFlight == 0, cancellationToken);

    /// <summary>Looks at the sandbox's traffic every few milliseconds until <paramref name="done"/>, or until cancelled.</summary>
    private static async Task UntilAsync(Func<bool> done, CancellationToken cancellationToken)
    {
        while (!done())
        {
            await Task.Delay(5, cancellationToken);
        }
    }

    public static string GrantFilter(string appId, string? extra = null) =>
        Uri.EscapeDataString($"target.externalId eq \"{appId}\" AND target.type eq \"APPLICATION\"" + (extra is null ? string.Empty : " AND " + extra));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, string url, object? body, AuthenticationHeaderValue? auth)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = auth;
        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        return await Http.SendAsync(request);
    }
}
