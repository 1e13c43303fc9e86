using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SlackOigSync.Tests.Alerts;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Sandbox;

/// <summary>The sandbox's incoming webhooks and chat.postMessage, as Slack answers them, and the messages it keeps.</summary>
public sealed class SlackAlertContractTests
{
    private const string Blocks = """[{"type":"header","text":{"type":"plain_text","text":"Hello"}},{"type":"section","fields":[{"type":"mrkdwn","text":"*a*\n1"}]}]""";

    [Theory]
    [InlineData("application/json", """{"text":"hello"}""", 200, "ok")]
    [InlineData("application/json", """{"blocks":BLOCKS}""", 200, "ok")]
    [InlineData("application/x-www-form-urlencoded", "payload=%7B%22text%22%3A%22hello%22%7D", 200, "ok")]
    [InlineData("application/json", "", 400, "invalid_payload")]
    [InlineData("application/json", "{not json", 400, "invalid_payload")]
    [InlineData("application/json", """["text"]""", 400, "invalid_payload")]
    [InlineData("application/json", """{"username":"x"}""", 400, "no_text")]
    [InlineData("application/json", """{"text":"x","blocks":[{"type":"header","text":{"type":"mrkdwn","text":"x"}}]}""", 400, "invalid_blocks")]
    [InlineData("application/json", """{"text":"x","blocks":[{"type":"nonsense"}]}""", 400, "invalid_blocks")]
    public async Task An_incoming_webhook_answers_ok_as_plain_text_or_a_status_and_a_code(string mediaType, string body, int status, string answer)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var content = new StringContent(body.Replace("BLOCKS", Blocks, StringComparison.Ordinal), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);

        using var response = await sandbox.Http.PostAsync("slack/webhooks/T0SANDBOX01/B0HOOK/any-path-is-a-hook", content);

        Assert.Equal((status, answer), ((int)response.StatusCode, await response.Content.ReadAsStringAsync()));
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        var messages = await AlertRunTests.MessagesAsync(sandbox);
        Assert.Equal(status == 200 ? 1 : 0, messages.Count);
        if (status == 200)
        {
            Assert.Equal(("webhook", "T0SANDBOX01/B0HOOK/any-path-is-a-hook"), ((string)messages[0]["via"]!, (string)messages[0]["hook"]!));
        }
    }

    [Fact]
    public async Task A_removed_webhook_and_the_bare_root_answer_404_no_service()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        (await sandbox.Http.DeleteAsync("_sandbox/slack/webhooks/T0/B0/gone")).EnsureSuccessStatusCode();

        foreach (var path in new[] { "slack/webhooks/T0/B0/gone", "slack/webhooks/", "slack/webhooks" })
        {
            using var response = await sandbox.Http.PostAsync(path, new StringContent("""{"text":"x"}""", Encoding.UTF8, "application/json"));
            Assert.Equal((HttpStatusCode.NotFound, "no_service"), (response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        using var live = await sandbox.Http.PostAsync("slack/webhooks/T0/B0/live", new StringContent("""{"text":"x"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Single(await AlertRunTests.MessagesAsync(sandbox));
        (await sandbox.Http.DeleteAsync("_sandbox/slack/messages")).EnsureSuccessStatusCode();
        Assert.Empty(await AlertRunTests.MessagesAsync(sandbox));
    }

    [Theory]
    [InlineData("alert", """{"channel":"C0ALERTS001","text":"hi","blocks":BLOCKS}""", null)]
    [InlineData("alert", """{"channel":"#iam-alerts","text":"hi"}""", null)]
    [InlineData("alert", """{"text":"hi"}""", "channel_not_found")]
    [InlineData("alert", """{"channel":"not a channel","text":"hi"}""", "channel_not_found")]
    [InlineData("alert", """{"channel":"C0ALERTS001"}""", "no_text")]
    [InlineData("alert", """{"channel":"C0ALERTS001","text":"x","blocks":"[{not json"}""", "invalid_blocks_format")]
    [InlineData("alert", """{"channel":"C0ALERTS001","text":"x","blocks":[{"type":"header","text":{"type":"plain_text","text":""}}]}""", "invalid_blocks")]
    [InlineData("bot", """{"channel":"C0ALERTS001","text":"hi"}""", "missing_scope")]
    [InlineData("user", """{"channel":"C0ALERTS001","text":"hi"}""", "missing_scope")]
    [InlineData("unknown", """{"channel":"C0ALERTS001","text":"hi"}""", "invalid_auth")]
    [InlineData("none", """{"channel":"C0ALERTS001","text":"hi"}""", "not_authed")]
    public async Task Chat_post_message_needs_chat_write_a_channel_and_content(string token, string body, string? error)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "slack/api/chat.postMessage")
        {
            Content = new StringContent(body.Replace("BLOCKS", Blocks, StringComparison.Ordinal), Encoding.UTF8, "application/json"),
        };
        var tokens = sandbox.Host.Tokens;
        var bearer = token switch { "alert" => tokens.SlackAlertBotToken, "bot" => tokens.SlackBotToken, "user" => tokens.SlackUserToken, "unknown" => "xoxb-nobody-0000", _ => null };
        request.Headers.Authorization = bearer is null ? null : new AuthenticationHeaderValue("Bearer", bearer);

        var answer = await TestSandbox.JsonAsync(await sandbox.Http.SendAsync(request));
        var messages = await AlertRunTests.MessagesAsync(sandbox);

        if (error is not null)
        {
            Assert.Equal((false, error), ((bool)answer["ok"]!, (string)answer["error"]!));
            Assert.Empty(messages);
            return;
        }

        Assert.True((bool)answer["ok"]!);
        var message = Assert.Single(messages);
        Assert.Equal((string)answer["ts"]!, (string)message["ts"]!);
        Assert.Equal((string)answer["channel"]!, (string)message["channelId"]!);
        Assert.Matches("^C[0-9A-Z]{8,}$", (string)answer["channel"]!);
        Assert.Matches(@"^\d+\.\d{6}$", (string)answer["ts"]!);
        Assert.Equal("hi", (string)answer["message"]!["text"]!);
    }

    [Fact]
    public async Task Chat_post_message_takes_a_form_with_blocks_as_json_text_and_answers_a_name_with_the_same_id_each_time()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "slack/api/chat.postMessage")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["channel"] = "#iam-alerts", ["blocks"] = Blocks }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", sandbox.Host.Tokens.SlackAlertBotToken);
            var answer = await TestSandbox.JsonAsync(await sandbox.Http.SendAsync(request));
            Assert.True((bool)answer["ok"]!, answer.ToJsonString());
            ids.Add((string)answer["channel"]!);
        }

        Assert.Equal(ids[0], ids[1]);
        var messages = await AlertRunTests.MessagesAsync(sandbox);
        Assert.Equal(2, messages.Count);
        Assert.Equal("Hello", (string)messages[1]["blocks"]![0]!["text"]!["text"]!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Blocks), messages[0]["blocks"]));
    }
}
