using System.Net.Http.Headers;
using SlackOigSync.Governance;
using SlackOigSync.Http;
using SlackOigSync.Okta;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Http;

/// <summary>The clients' own rules, against the sandbox without a run around them: PATCH batches, and the scrubbing of credentials from text.</summary>
public sealed class ApiClientLimitTests
{
    [Fact]
    public async Task More_patch_operations_than_the_spec_allows_in_one_call_go_out_in_batches_of_100()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var entitlement = sandbox.Read(s => s.Entitlements.All.First(e => e.AppId == sandbox.AppId));
        var before = sandbox.Read(s => s.Entitlements.All.First(e => e.Id == entitlement.Id).Values.Count);
        using var http = new HttpClient(new AuthHeaderHandler(() => new AuthenticationHeaderValue("SSWS", sandbox.Host.Tokens.OktaApiToken)) { InnerHandler = new SocketsHttpHandler() })
        {
            BaseAddress = sandbox.Host.OktaBaseUrl,
        };
        var client = new GovernanceClient(http, new HttpResilienceSettings(), OktaCredentialHints.ApiToken);
        var values = Enumerable.Range(0, 150).Select(i => new NewEntitlementValue($"Extra {i}", $"RlX{i:000}", "extra")).ToList();

        await client.AddValuesAsync(entitlement.Id, sandbox.AppId, values, CancellationToken.None);

        Assert.Equal(before + 150, sandbox.Read(s => s.Entitlements.All.First(e => e.Id == entitlement.Id).Values.Count));
        Assert.Equal(2, sandbox.Host.Traffic.Requests["oig:PATCH /governance/api/v1/entitlements/{id}"]);
    }

    [Theory]
    [InlineData("Authorization: SSWS 00abcdefghijklmnopqrstuvwxyz0123456789", "SSWS 00abcdef")]
    [InlineData("<pre>authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl</pre>", "eyJhbGci")]
    [InlineData("token xoxp-1234-5678-abcdef was rejected", "xoxp-1234")]
    [InlineData("DPoP eyJ0eXAiOiJkcG9wK2p3dCJ9.eyJodG0iOiJHRVQifQ.c2ln in the header", "eyJ0eXAi")]
    [InlineData("Cookie: sid=abcdef0123456789", "abcdef0123456789")]
    public void Scrubbing_removes_anything_that_looks_like_a_credential(string text, string secretPart)
    {
        var scrubbed = SecretScrubber.Scrub(text);

        Assert.DoesNotContain(secretPart, scrubbed);
        Assert.Contains(SecretScrubber.Redacted, scrubbed);
    }

    [Fact]
    public void Scrubbing_removes_a_configured_secret_wherever_it_appears_and_leaves_other_text_alone()
    {
        SecretScrubber.Remember("plain-secret-without-any-prefix-42");

        Assert.Equal("gateway said [redacted]!", SecretScrubber.Scrub("gateway said plain-secret-without-any-prefix-42!"));
        Assert.Equal("Okta list users failed (HTTP 502, BadGateway): Bad Gateway.", SecretScrubber.Scrub("Okta list users failed (HTTP 502, BadGateway): Bad Gateway."));
        Assert.Equal("basic settings; Bearer tokens expire; sent as Bearer (OAuth)", SecretScrubber.Scrub("basic settings; Bearer tokens expire; sent as Bearer (OAuth)"));
    }

    [Fact]
    public void An_api_exception_never_carries_a_credential_in_its_message()
    {
        var e = new ApiException("Okta", "list users", 502, "BadGateway", "echoed Authorization: SSWS 00secretsecretsecret and xoxb-99-secret");

        Assert.DoesNotContain("00secret", e.Message);
        Assert.DoesNotContain("xoxb-99", e.Message);
    }

    [Theory]
    [InlineData("<https://acme.okta.com/api/v1/users?after=a>; rel=\"next\"")]
    [InlineData("<https://acme.okta.com/api/v1/users?after=a>; rel=next")]
    [InlineData("<https://acme.okta.com/api/v1/users?after=x>; rel=\"self\", <https://acme.okta.com/api/v1/users?after=a>; REL=\"prev next\"")]
    public void A_next_link_is_found_however_rfc_8288_lets_it_be_written(string header)
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("Link", header);

        Assert.Equal("https://acme.okta.com/api/v1/users?after=a", LinkHeader.Next(response));
    }

    [Theory]
    [InlineData("99999999999999")]
    [InlineData("253402300800")]
    public void A_rate_limit_reset_that_is_not_a_time_is_ignored_not_fatal(string reset)
    {
        var pacer = new RateLimitPacer(TimeProvider.System, new HttpResilienceSettings());
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://acme.okta.com/api/v1/users");
        using var response = new HttpResponseMessage();
        response.Headers.Add("X-Rate-Limit-Limit", "600");
        response.Headers.Add("X-Rate-Limit-Remaining", "0");
        response.Headers.Add("X-Rate-Limit-Reset", reset);

        pacer.Observe(request, response);

        Assert.Equal(TimeSpan.Zero, pacer.DelayBefore(request));
    }
}
