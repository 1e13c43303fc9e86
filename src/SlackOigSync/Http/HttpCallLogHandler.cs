using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace SlackOigSync.Http;

/// <summary>
/// Logs each HTTP attempt at debug level (shown with --verbose): method, path, status, milliseconds and attempt
/// number. The query is left out (it can carry cursors, filters with emails, or a secret pasted into a URL), and so
/// are headers and bodies, where the credentials travel.
/// </summary>
public sealed class HttpCallLogHandler(ILogger<HttpCallLogHandler> logger, TimeProvider clock) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!logger.IsEnabled(LogLevel.Debug))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var attempt = request.Options.TryGetValue(AttemptCountingHandler.Attempt, out var n) ? n : 1;
        var path = request.RequestUri?.AbsolutePath ?? "-";
        var started = clock.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            logger.LogDebug(
                "HTTP {Method} {Path} answered {StatusCode} in {ElapsedMs} ms (attempt {Attempt})",
                request.Method.Method, path, (int)response.StatusCode, Elapsed(started), attempt);
            return response;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            logger.LogDebug(
                "HTTP {Method} {Path} got no answer after {ElapsedMs} ms (attempt {Attempt}): {Failure}",
                request.Method.Method, path, Elapsed(started), attempt, e.GetType().Name);
            throw;
        }
    }

    private long Elapsed(long started) => (long)clock.GetElapsedTime(started).TotalMilliseconds;
}
