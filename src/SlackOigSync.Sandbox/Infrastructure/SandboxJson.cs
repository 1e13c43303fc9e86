using System.Text.Encodings.Web;
using System.Text.Json;

namespace SlackOigSync.Sandbox.Infrastructure;

/// <summary>Writes JSON as the real APIs do: '&amp;' and quotes in URLs stay readable rather than \u-escaped.</summary>
public static class SandboxJson
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
