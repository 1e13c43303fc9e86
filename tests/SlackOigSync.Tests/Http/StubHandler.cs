using System.Net;

namespace SlackOigSync.Tests.Http;

/// <summary>Answers each request with the next scripted answer (or throws it), and counts the calls.</summary>
public sealed class StubHandler(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
{
    private int _next;

    public int Calls => _next;

    public static Func<HttpResponseMessage> Status(HttpStatusCode status, Action<HttpResponseMessage>? headers = null) => () =>
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent("{}") };
        headers?.Invoke(response);
        return response;
    };

    public static Func<HttpResponseMessage> Throws(Exception e) => () => throw e;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var answer = answers[Math.Min(Interlocked.Increment(ref _next) - 1, answers.Length - 1)];
        return Task.FromResult(answer());
    }
}
