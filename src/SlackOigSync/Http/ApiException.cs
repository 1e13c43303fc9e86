namespace SlackOigSync.Http;

/// <summary>
/// A call to Slack, Okta or OIG that did not succeed, with the API's own error code and a sentence saying what
/// to do about it. The message never contains a credential: whatever the server sent is scrubbed (<see cref="SecretScrubber"/>).
/// </summary>
public sealed class ApiException : Exception
{
    public ApiException(string api, string operation, int? statusCode, string code, string detail, Exception? inner = null)
        : base(SecretScrubber.Scrub($"{api} {operation} failed ({(statusCode is null ? "no response" : $"HTTP {statusCode}")}, {code}): {detail}"), inner)
    {
        Api = api;
        Operation = operation;
        StatusCode = statusCode;
        Code = code;
    }

    public string Api { get; }

    public string Operation { get; }

    public int? StatusCode { get; }

    public string Code { get; }
}
