using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using SlackOigSync.Configuration;
using SlackOigSync.Http;

namespace SlackOigSync.Alerts;

/// <summary>
/// Posts one alert, once: to the incoming webhook (Alerts:SlackWebhookUrl), or through chat.postMessage on
/// Slack:ApiBaseUrl with the bot token (Alerts:SlackBotToken) in Alerts:SlackChannel. It never throws for Slack's
/// sake: every failure is an <see cref="AlertDelivery"/> whose sentence names neither the webhook URL nor the token.
/// Not retried: a post that timed out may have landed, and a second copy helps nobody.
/// </summary>
public sealed partial class SlackAlertSender(HttpClient http, AppSettings settings)
{
    public AlertTransport Transport => settings.Alerts.UsesWebhook ? AlertTransport.Webhook : AlertTransport.ChatPostMessage;

    public async Task<AlertDelivery> SendAsync(AlertMessage message, CancellationToken cancellationToken)
    {
        var alerts = settings.Alerts;
        var transport = Transport;
        using var request = transport == AlertTransport.Webhook
            ? new HttpRequestMessage(HttpMethod.Post, new Uri(alerts.SlackWebhookUrl!.Trim())) { Content = JsonContent.Create(message.ToPayload()) }
            : new HttpRequestMessage(HttpMethod.Post, new Uri(SlackApiBase(), "chat.postMessage")) { Content = JsonContent.Create(message.ToPayload(alerts.SlackChannel!.Trim())) };
        if (transport == AlertTransport.ChatPostMessage)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", alerts.SlackBotToken!.Trim());
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var why = e is TaskCanceledException ? $"no answer within {SettingsBinder.DescribeDuration(http.Timeout)} (Http:AttemptTimeout)" : e.Message.TrimEnd('.');
            return Failed(transport, null, "no response", $"could not reach {request.RequestUri!.Host} ({why}); check the network path to Slack");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400)
            {
                // Never followed (the primary handler does not): the URL is the secret, and it stays with its origin.
                return Failed(transport, status, "redirect", $"Slack answered with a redirect to {response.Headers.Location?.Host ?? "no location"}, which is not followed; set the address Slack gave");
            }

            return transport == AlertTransport.Webhook
                ? await WebhookOutcomeAsync(response, status, cancellationToken)
                : await ChatPostMessageOutcomeAsync(response, status, alerts.SlackChannel!.Trim(), cancellationToken);
        }
    }

    /// <summary>A webhook answers 200 "ok", or an error status with a short plain-text code.</summary>
    private static async Task<AlertDelivery> WebhookOutcomeAsync(HttpResponseMessage response, int status, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return AlertDelivery.Sent(AlertTransport.Webhook);
        }

        var body = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        var code = ErrorCode().IsMatch(body) ? body : null;
        return Failed(AlertTransport.Webhook, status, code ?? response.StatusCode.ToString(), AlertErrorHint.ForWebhook(status, code));
    }

    /// <summary>chat.postMessage answers HTTP 200 with {"ok": true|false, "error": …}; 429 when rate-limited.</summary>
    private static async Task<AlertDelivery> ChatPostMessageOutcomeAsync(HttpResponseMessage response, int status, string channel, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var code = status == 429 ? "ratelimited" : response.StatusCode.ToString();
            return Failed(AlertTransport.ChatPostMessage, status, code, status == 429 ? AlertErrorHint.ForChatPostMessage("ratelimited", channel) : "Slack answered with an HTTP error; the next alert will try again");
        }

        string? error;
        try
        {
            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            var root = body.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True)
            {
                return AlertDelivery.Sent(AlertTransport.ChatPostMessage);
            }

            error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        }
        catch (JsonException)
        {
            return Failed(AlertTransport.ChatPostMessage, status, "not_json", "Slack's answer was not JSON, so it is not known whether the message was posted; a proxy may be answering in Slack's place");
        }

        var known = error is not null && ErrorCode().IsMatch(error) ? error : "unknown_error";
        return Failed(AlertTransport.ChatPostMessage, status, known, AlertErrorHint.ForChatPostMessage(known, channel));
    }

    private Uri SlackApiBase() => new(settings.Slack.ApiBaseUrl.EndsWith('/') ? settings.Slack.ApiBaseUrl : settings.Slack.ApiBaseUrl + "/");

    private static AlertDelivery Failed(AlertTransport transport, int? status, string code, string hint)
    {
        var via = transport == AlertTransport.Webhook ? "incoming webhook" : "chat.postMessage";
        var answer = status is null ? code : $"HTTP {status}, {code}";
        return AlertDelivery.Failed(transport, SecretScrubber.Scrub($"The Slack alert was not sent ({via}, {answer}): {hint}."));
    }

    /// <summary>Slack's error codes are short snake_case words; anything else in a body is not repeated.</summary>
    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex ErrorCode();
}
