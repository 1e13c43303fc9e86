using System.Net;
using SlackOigSync.Http;

namespace SlackOigSync.Tests.Http;

/// <summary>
/// The primary handler under the API handlers: answers each attempt with the next scripted answer (the last one
/// repeats), and records when each attempt arrived on the test's clock, its method and the attempt number it carried.
/// </summary>
public sealed class ScriptedApi(TimeProvider clock, params Func<CancellationToken, Task<HttpResponseMessage>>[] answers) : HttpMessageHandler
{
    private readonly List<(DateTimeOffset At, HttpMethod Method, int Attempt)> _attempts = [];

    public IReadOnlyList<(DateTimeOffset At, HttpMethod Method, int Attempt)> Attempts
    {
        get
        {
            lock (_attempts)
            {
                return [.. _attempts];
            }
        }
    }

    public static Func<CancellationToken, Task<HttpResponseMessage>> Status(HttpStatusCode status, Action<HttpResponseMessage>? headers = null) => _ =>
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent("{}") };
        headers?.Invoke(response);
        return Task.FromResult(response);
    };

    public static Func<CancellationToken, Task<HttpResponseMessage>> Throws(Exception e) => _ => Task.FromException<HttpResponseMessage>(e);

    /// <summary>No answer: the attempt waits until it is cancelled (by its timeout).</summary>
    public static Func<CancellationToken, Task<HttpResponseMessage>> Hangs() => async cancellationToken =>
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        throw new InvalidOperationException("unreachable: an infinite wait ended without being cancelled");
    };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        int index;
        lock (_attempts)
        {
            index = _attempts.Count;
            _attempts.Add((clock.GetUtcNow(), request.Method, request.Options.TryGetValue(AttemptCountingHandler.Attempt, out var n) ? n : 0));
        }

        return answers[Math.Min(index, answers.Length - 1)](cancellationToken);
    }
}
