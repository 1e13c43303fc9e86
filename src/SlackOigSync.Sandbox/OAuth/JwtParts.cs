using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SlackOigSync.Sandbox.OAuth;

/// <summary>A compact JWS split into its decoded header and payload, before any signature check.</summary>
internal sealed record JwtParts(string Raw, JsonObject Header, JsonObject Payload)
{
    public string? Alg => Text(Header, "alg");

    public string? Kid => Text(Header, "kid");

    public static JwtParts? TryParse(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw) || raw.Split('.').Length != 3)
        {
            return null;
        }

        try
        {
            var token = new JsonWebToken(raw);
            return JsonNode.Parse(Base64UrlEncoder.Decode(token.EncodedHeader)) is JsonObject header
                && JsonNode.Parse(Base64UrlEncoder.Decode(token.EncodedPayload)) is JsonObject payload
                ? new JwtParts(raw, header, payload)
                : null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or System.Text.Json.JsonException or SecurityTokenException)
        {
            return null;
        }
    }

    public string? Claim(string name) => Text(Payload, name);

    /// <summary>A NumericDate claim (seconds since the epoch), or null when absent or not a number.</summary>
    public DateTimeOffset? Time(string name) =>
        Payload[name] is JsonValue v && v.TryGetValue<double>(out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds((long)seconds)
            : null;

    private static string? Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
