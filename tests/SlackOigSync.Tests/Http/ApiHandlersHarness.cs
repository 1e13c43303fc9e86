using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SlackOigSync.Http;

namespace SlackOigSync.Tests.Http;

/// <summary>
/// An HttpClient with the worker's API handlers (<see cref="ApiHandlers.AddRetriesAndPacing"/>) over a
/// <see cref="ScriptedApi"/>, on a <see cref="DrivenClock"/> (a FakeTimeProvider): every wait (back-off, Retry-After, pacing,
/// an attempt's timeout) passes only when the test moves the clock, so nothing sleeps.
/// </summary>
public sealed class ApiHandlersHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public ApiHandlersHarness(HttpResilienceSettings settings, params Func<CancellationToken, Task<HttpResponseMessage>>[] answers)
    {
        Api = new ScriptedApi(Clock, answers);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(settings);
        services.AddSingleton(Metrics);
        services.AddHttpClient("api").ConfigurePrimaryHttpMessageHandler(() => Api).AddRetriesAndPacing();
        _services = services.BuildServiceProvider();
        Client = _services.GetRequiredService<IHttpClientFactory>().CreateClient("api");
    }

    /// <summary>Where the fake clock starts: the first attempt of the first request is sent at this instant.</summary>
    public static DateTimeOffset Start { get; } = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    public DrivenClock Clock { get; } = new(Start);

    public RunMetrics Metrics { get; } = new();

    public ScriptedApi Api { get; }

    public HttpClient Client { get; }

    public LogLines Logs { get; } = new();

    /// <summary>Sends the request and moves the clock from timer to timer until it is answered (at most <paramref name="limit"/> of fake time).</summary>
    /// <remarks>Run off the test framework's synchronization context, whose few threads the continuations would otherwise queue behind.</remarks>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, TimeSpan? limit = null) => Task.Run(async () =>
    {
        using var request = new HttpRequestMessage(method, new Uri("https://acme.okta.test" + path));
        var sending = Client.SendAsync(request);
        await Clock.RunUntilAsync(sending, limit ?? TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(10));
        return await sending;
    });

    public void Dispose()
    {
        Client.Dispose();
        _services.Dispose();
    }

    /// <summary>Every log line with its category, whatever the level.</summary>
    public sealed class LogLines : ILoggerProvider
    {
        private readonly List<(string Category, LogLevel Level, string Text)> _lines = [];

        public IReadOnlyList<(string Category, LogLevel Level, string Text)> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(LogLines sink, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (sink._lines)
                {
                    sink._lines.Add((category, logLevel, formatter(state, exception)));
                }
            }
        }
    }
}
