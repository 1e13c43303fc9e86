using System.Web;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SlackOigSync.Tests.Support;

/// <summary>
/// A WireMock.Net server for one test, and HttpClients pointed at it as the worker builds them (Hosting/ServiceComposition):
/// redirects are not followed and the answer's size is capped. No retry handler: a wire test sees each answer once.
/// </summary>
public sealed class WireApi : IDisposable
{
    private readonly List<HttpClient> _clients = [];

    public WireMockServer Server { get; } = WireMockServer.Start();

    /// <summary>The server's origin, without a trailing slash (http://localhost:port).</summary>
    public string Url => Server.Url!;

    /// <summary>An HttpClient whose BaseAddress is the server's URL plus <paramref name="basePath"/> (which ends with '/').</summary>
    public HttpClient Http(string basePath = "/", long maxResponseBytes = 32L * 1024 * 1024)
    {
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(Url + basePath),
            MaxResponseContentBufferSize = maxResponseBytes,
        };
        http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        _clients.Add(http);
        return http;
    }

    /// <summary>Answers requests matching <paramref name="request"/> with <paramref name="response"/>; a lower priority number wins.</summary>
    public void On(IRequestBuilder request, IResponseBuilder response, int priority = 10) =>
        Server.Given(request).AtPriority(priority).RespondWith(response);

    /// <summary>A 200 (or <paramref name="status"/>) JSON answer.</summary>
    public static IResponseBuilder Json(string body, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json; charset=utf-8").WithBody(body);

    /// <summary>Every request the server received, in the order it received them.</summary>
    public IReadOnlyList<IRequestMessage> Requests => [.. Server.LogEntries.Select(e => e.RequestMessage).OrderBy(r => r.DateTime)];

    /// <summary>An application/x-www-form-urlencoded body as name → value.</summary>
    public static Dictionary<string, string?> Form(IRequestMessage request)
    {
        var form = HttpUtility.ParseQueryString(request.Body ?? string.Empty);
        return form.AllKeys.ToDictionary(k => k!, k => form[k], StringComparer.Ordinal);
    }

    public void Dispose()
    {
        foreach (var http in _clients)
        {
            http.Dispose();
        }

        Server.Stop();
        Server.Dispose();
    }
}
