using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SlackOigSync.Sandbox.Endpoints.Control;
using SlackOigSync.Sandbox.Endpoints.Governance;
using SlackOigSync.Sandbox.Endpoints.Okta;
using SlackOigSync.Sandbox.Endpoints.Slack;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sandbox.OAuth;
using SlackOigSync.Sandbox.Seed;
using SlackOigSync.Sandbox.State;

namespace SlackOigSync.Sandbox;

/// <summary>
/// A running sandbox on 127.0.0.1: Slack under {BaseUrl}slack/api/ (incoming webhooks under {BaseUrl}slack/webhooks/), Okta and OIG at {BaseUrl}, control under
/// {BaseUrl}_sandbox/. Started and stopped in-process by tests, by the worker's demo, or by the standalone program.
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxHost(WebApplication app, Uri baseUrl, SandboxOptions options, SandboxState state, SandboxTraffic traffic)
    {
        _app = app;
        BaseUrl = baseUrl;
        Tokens = options.Tokens;
        State = state;
        Traffic = traffic;
        SlackScopes = app.Services.GetRequiredService<SlackTokenScopes>();
        AnswerFaults = app.Services.GetRequiredService<AnswerFaults>();
        OAuth = app.Services.GetRequiredService<OAuthAuthorizationServer>();
        SlackMessages = app.Services.GetRequiredService<SlackMessageLog>();
    }

    public Uri BaseUrl { get; }

    public Uri SlackApiBaseUrl => new(BaseUrl, "slack/api/");

    public Uri OktaBaseUrl => BaseUrl;

    /// <summary>Incoming webhooks: every path below it is a live hook, e.g. {SlackWebhooksBaseUrl}T0SANDBOX01/B0ALERTS01/secret.</summary>
    public Uri SlackWebhooksBaseUrl => new(BaseUrl, "slack/webhooks/");

    public SandboxTokens Tokens { get; }

    public SandboxState State { get; }

    public SandboxTraffic Traffic { get; }

    /// <summary>The scopes each Slack token carries; change them to play an admin who reinstalls the app.</summary>
    public SlackTokenScopes SlackScopes { get; }

    /// <summary>One-shot faults in the body of successful answers (short pages, early ends, missing fields).</summary>
    public AnswerFaults AnswerFaults { get; }

    /// <summary>The org authorization server: registered API Services apps and the access tokens issued to them.</summary>
    public OAuthAuthorizationServer OAuth { get; }

    /// <summary>What was posted through incoming webhooks and chat.postMessage, and the webhooks removed.</summary>
    public SlackMessageLog SlackMessages { get; }

    public string SlackAppId => State.SlackAppId;

    public static async Task<SandboxHost> StartAsync(SandboxOptions options, CancellationToken cancellationToken = default)
    {
        var state = SeedLoader.Load(options.Seed, options.RandomSeed, options.Clock);
        var traffic = new SandboxTraffic(options.Clock);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton(traffic);
        builder.Services.AddSingleton(options.Tokens);
        builder.Services.AddSingleton(new SlackTokenScopes(options.Tokens));
        builder.Services.AddSingleton<AnswerFaults>();
        builder.Services.AddSingleton(options.Clock);
        builder.Services.AddSingleton<OAuthAuthorizationServer>();
        builder.Services.AddSingleton(new SlackMessageLog(options.Clock));
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.PropertyNameCaseInsensitive = true;
        });

        var app = builder.Build();
        if (options.LogRequests)
        {
            app.Use(async (context, next) =>
            {
                await next(context);
                Console.WriteLine($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString} -> {context.Response.StatusCode}");
            });
        }

        app.UseMiddleware<MalformedRequestMiddleware>();
        app.UseRouting();
        app.UseMiddleware<SlackScopesHeaderMiddleware>();
        app.UseMiddleware<TrafficMiddleware>();
        SlackEndpoints.Map(app);
        SlackRoleWriteEndpoints.Map(app);
        OktaEndpoints.Map(app);
        EntitlementEndpoints.Map(app);
        GrantEndpoints.Map(app);
        PrincipalEntitlementEndpoints.Map(app);
        RevocationEndpoints.Map(app);
        CampaignEndpoints.Map(app);
        OAuthTokenEndpoint.Map(app);
        SlackWebhookEndpoints.Map(app);
        SlackChatEndpoints.Map(app);
        ControlEndpoints.Map(app);
        SlackControlEndpoints.Map(app);
        OktaControlEndpoints.Map(app);
        GovernanceControlEndpoints.Map(app);
        CampaignControlEndpoints.Map(app);
        TrafficControlEndpoints.Map(app);

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SandboxHost(app, new Uri(address.TrimEnd('/') + "/"), options, state, traffic);
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
