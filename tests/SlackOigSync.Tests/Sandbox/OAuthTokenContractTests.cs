using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Sandbox;

/// <summary>
/// The emulated org authorization server: private_key_jwt client assertions (RS256, ES256), scopes, DPoP on the token
/// endpoint and on Okta/OIG calls, admin roles, and expiring every token at once.
/// </summary>
public sealed class OAuthTokenContractTests
{
    private const string ClientId = "0oasandboxserviceapp";
    private const string UsersRead = "okta.users.read";
    private const string EntitlementsRead = "okta.governance.entitlements.read";

    [Theory]
    [InlineData("RS256")]
    [InlineData("ES256")]
    public async Task A_valid_assertion_gets_a_bearer_token_that_reads_users_and_oig_entitlements(string alg)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var key = alg == "RS256" ? ServiceAppKey.Rsa() : ServiceAppKey.Ec();
        await RegisterAsync(sandbox, [key], [UsersRead, EntitlementsRead]);

        using var response = await RequestTokenAsync(sandbox, Assertion(sandbox, key), $"{UsersRead} {EntitlementsRead}");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await TestSandbox.JsonAsync(response);
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        Assert.Equal(3600, body["expires_in"]!.GetValue<int>());
        Assert.Equal($"{UsersRead} {EntitlementsRead}", body["scope"]!.GetValue<string>());
        var token = body["access_token"]!.GetValue<string>();

        using var users = await CallAsync(sandbox, "api/v1/users?limit=2", new AuthenticationHeaderValue("Bearer", token));
        Assert.Equal(200, (int)users.StatusCode);
        Assert.Equal(2, (await TestSandbox.JsonAsync(users)).AsArray().Count);
        using var entitlements = await CallAsync(sandbox, EntitlementList(sandbox), new AuthenticationHeaderValue("Bearer", token));
        Assert.Equal(200, (int)entitlements.StatusCode);
        Assert.NotNull((await TestSandbox.JsonAsync(entitlements))["data"]);
        Assert.Equal(1, sandbox.Host.Traffic.Requests.GetValueOrDefault("okta:POST /oauth2/v1/token"));
    }

    [Theory]
    [InlineData("wrong-aud", "audience claim for client_assertion must be the endpoint invoked")]
    [InlineData("wrong-iss", "issuer and subject claims")]
    [InlineData("unknown-client", "Invalid value for 'client_id' parameter.")]
    [InlineData("expired", "is expired")]
    [InlineData("too-long", "too far into the future")]
    [InlineData("no-jti", "'jti'")]
    [InlineData("unknown-kid", "'kid' header 'rsa-9'")]
    [InlineData("bad-signature", "signature is invalid")]
    public async Task A_bad_assertion_is_refused_401_invalid_client_saying_why(string flaw, string said)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var key = ServiceAppKey.Rsa();
        using var stranger = ServiceAppKey.Rsa(flaw == "unknown-kid" ? "rsa-9" : "rsa-1");
        await RegisterAsync(sandbox, [key], [UsersRead]);
        var now = DateTimeOffset.UtcNow;
        var claims = AssertionClaims(sandbox, ClientId, now);
        var signer = key;
        switch (flaw)
        {
            case "wrong-aud": claims["aud"] = sandbox.Host.OktaBaseUrl.ToString(); break;
            case "wrong-iss": claims["iss"] = "0oasomeoneelse"; break;
            case "unknown-client": claims["iss"] = claims["sub"] = "0oanotregistered"; break;
            case "expired": claims["iat"] = (now.AddMinutes(-10)).ToUnixTimeSeconds(); claims["exp"] = now.AddSeconds(-5).ToUnixTimeSeconds(); break;
            case "too-long": claims["exp"] = now.AddHours(2).ToUnixTimeSeconds(); break;
            case "no-jti": claims.Remove("jti"); break;
            case "unknown-kid" or "bad-signature": signer = stranger; break;
        }

        using var response = await RequestTokenAsync(sandbox, signer.Sign(claims), UsersRead);
        Assert.Equal(401, (int)response.StatusCode);
        var body = await TestSandbox.JsonAsync(response);
        Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
        Assert.Contains(said, body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replayed_assertion_is_refused_and_a_key_without_kid_is_found_by_trying_each()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var rsa = ServiceAppKey.Rsa("rsa-1");
        using var ec = ServiceAppKey.Ec("ec-1");
        using var unnamed = ServiceAppKey.Ec(kid: null);
        await RegisterAsync(sandbox, [rsa, ec], [UsersRead]);

        var assertion = Assertion(sandbox, ec);
        using (var first = await RequestTokenAsync(sandbox, assertion, UsersRead))
        {
            Assert.Equal(200, (int)first.StatusCode);
        }

        using var replay = await RequestTokenAsync(sandbox, assertion, UsersRead);
        var refused = await TestSandbox.JsonAsync(replay);
        Assert.Equal("invalid_client", refused["error"]!.GetValue<string>());
        Assert.Contains("already been used", refused["error_description"]!.GetValue<string>(), StringComparison.Ordinal);

        // One registered key without kid: an assertion without kid is checked against it.
        await RegisterAsync(sandbox, [unnamed], [UsersRead]);
        using var byTrial = await RequestTokenAsync(sandbox, Assertion(sandbox, unnamed), UsersRead);
        Assert.Equal(200, (int)byTrial.StatusCode);
    }

    [Fact]
    public async Task Scopes_must_be_asked_and_granted_and_the_request_must_be_a_client_credentials_form()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var key = ServiceAppKey.Rsa();
        await RegisterAsync(sandbox, [key], [UsersRead]);

        using var ungranted = await RequestTokenAsync(sandbox, Assertion(sandbox, key), $"{UsersRead} okta.groups.read okta.apps.read");
        Assert.Equal(400, (int)ungranted.StatusCode);
        var scopeError = await TestSandbox.JsonAsync(ungranted);
        Assert.Equal("invalid_scope", scopeError["error"]!.GetValue<string>());
        Assert.Equal("The following scopes are not allowed: okta.groups.read okta.apps.read", scopeError["error_description"]!.GetValue<string>());

        using var noScope = await RequestTokenAsync(sandbox, Assertion(sandbox, key), scope: null);
        Assert.Equal("invalid_scope", (await TestSandbox.JsonAsync(noScope))["error"]!.GetValue<string>());

        using var password = await PostFormAsync(sandbox, new() { ["grant_type"] = "password", ["scope"] = UsersRead });
        Assert.Equal(400, (int)password.StatusCode);
        Assert.Equal("unsupported_grant_type", (await TestSandbox.JsonAsync(password))["error"]!.GetValue<string>());

        using var noCredentials = await PostFormAsync(sandbox, new() { ["grant_type"] = "client_credentials", ["scope"] = UsersRead });
        Assert.Equal(401, (int)noCredentials.StatusCode);
        Assert.Equal("invalid_client", (await TestSandbox.JsonAsync(noCredentials))["error"]!.GetValue<string>());

        using var noType = await PostFormAsync(sandbox, new() { ["grant_type"] = "client_credentials", ["scope"] = UsersRead, ["client_assertion"] = Assertion(sandbox, key) });
        Assert.Equal(400, (int)noType.StatusCode);
        var missing = await TestSandbox.JsonAsync(noType);
        Assert.Equal("invalid_request", missing["error"]!.GetValue<string>());
        Assert.Contains("client_assertion_type", missing["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dpop_app_needs_a_proof_then_a_nonce_and_gets_a_dpop_token()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var key = ServiceAppKey.Ec();
        using var dpopKey = ServiceAppKey.Rsa(kid: null);
        await RegisterAsync(sandbox, [key], [UsersRead], requireDpop: true);
        var tokenUrl = TokenUrl(sandbox);

        using var noProof = await RequestTokenAsync(sandbox, Assertion(sandbox, key), UsersRead);
        Assert.Equal(400, (int)noProof.StatusCode);
        var proofError = await TestSandbox.JsonAsync(noProof);
        Assert.Equal("invalid_dpop_proof", proofError["error"]!.GetValue<string>());
        Assert.Equal("The DPoP proof JWT header is missing.", proofError["error_description"]!.GetValue<string>());

        using var noNonce = await RequestTokenAsync(sandbox, Assertion(sandbox, key), UsersRead, Proof(dpopKey, "POST", tokenUrl));
        Assert.Equal(400, (int)noNonce.StatusCode);
        var nonce = Assert.Single(noNonce.Headers.GetValues("DPoP-Nonce"));
        var nonceError = await TestSandbox.JsonAsync(noNonce);
        Assert.Equal("use_dpop_nonce", nonceError["error"]!.GetValue<string>());
        Assert.Equal("Authorization server requires nonce in DPoP proof.", nonceError["error_description"]!.GetValue<string>());

        using var staleNonce = await RequestTokenAsync(sandbox, Assertion(sandbox, key), UsersRead, Proof(dpopKey, "POST", tokenUrl, nonce: "not-a-nonce-we-gave"));
        Assert.Equal("use_dpop_nonce", (await TestSandbox.JsonAsync(staleNonce))["error"]!.GetValue<string>());

        using var wrongHtu = await RequestTokenAsync(sandbox, Assertion(sandbox, key), UsersRead, Proof(dpopKey, "POST", tokenUrl + "?x=1", nonce));
        Assert.Contains("'htu'", (await TestSandbox.JsonAsync(wrongHtu))["error_description"]!.GetValue<string>(), StringComparison.Ordinal);

        using var granted = await RequestTokenAsync(sandbox, Assertion(sandbox, key), UsersRead, Proof(dpopKey, "POST", tokenUrl, nonce));
        Assert.Equal(200, (int)granted.StatusCode);
        Assert.Equal("DPoP", (await TestSandbox.JsonAsync(granted))["token_type"]!.GetValue<string>());
        Assert.Equal(5, sandbox.Host.Traffic.Requests.GetValueOrDefault("okta:POST /oauth2/v1/token"));
    }

    [Fact]
    public async Task A_dpop_token_works_only_with_the_dpop_scheme_and_a_fresh_proof_of_the_bound_key_and_token()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var key = ServiceAppKey.Rsa();
        using var dpopKey = ServiceAppKey.Ec(kid: null);
        using var otherKey = ServiceAppKey.Ec(kid: null);
        await RegisterAsync(sandbox, [key], [UsersRead, EntitlementsRead], requireDpop: true);
        var token = await DpopTokenAsync(sandbox, key, dpopKey, $"{UsersRead} {EntitlementsRead}");
        var usersUrl = new Uri(sandbox.Host.OktaBaseUrl, "api/v1/users").ToString();
        var dpop = new AuthenticationHeaderValue("DPoP", token);

        using var asBearer = await CallAsync(sandbox, "api/v1/users", new AuthenticationHeaderValue("Bearer", token));
        Assert.Equal(401, (int)asBearer.StatusCode);
        Assert.Equal("E0000011", (await TestSandbox.JsonAsync(asBearer))["errorCode"]!.GetValue<string>());

        using var noProof = await CallAsync(sandbox, "api/v1/users", dpop);
        AssertProofRefused(noProof, "The DPoP proof JWT header is missing.");

        using var wrongAth = await CallAsync(sandbox, "api/v1/users", dpop, Proof(dpopKey, "GET", usersUrl, accessToken: token + "x"));
        AssertProofRefused(wrongAth, "'ath' claim");

        using var wrongMethod = await CallAsync(sandbox, "api/v1/users", dpop, Proof(dpopKey, "POST", usersUrl, accessToken: token));
        AssertProofRefused(wrongMethod, "'htm' claim");

        using var wrongKey = await CallAsync(sandbox, "api/v1/users", dpop, Proof(otherKey, "GET", usersUrl, accessToken: token));
        AssertProofRefused(wrongKey, "does not match the access token");

        var good = Proof(dpopKey, "GET", usersUrl, accessToken: token);
        using (var ok = await CallAsync(sandbox, "api/v1/users?limit=1", dpop, good))
        {
            Assert.Equal(200, (int)ok.StatusCode);
        }

        using var replayed = await CallAsync(sandbox, "api/v1/users?limit=1", dpop, good);
        AssertProofRefused(replayed, "already been used");

        var entitlementsUrl = new Uri(sandbox.Host.OktaBaseUrl, "governance/api/v1/entitlements").ToString();
        using var oig = await CallAsync(sandbox, EntitlementList(sandbox), dpop, Proof(dpopKey, "GET", entitlementsUrl, accessToken: token));
        Assert.Equal(200, (int)oig.StatusCode);
    }

    [Fact]
    public async Task Granted_scopes_limit_each_endpoint_and_an_app_without_admin_role_is_refused_everything()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var key = ServiceAppKey.Rsa();
        await RegisterAsync(sandbox, [key], [UsersRead, EntitlementsRead]);
        var usersOnly = await BearerTokenAsync(sandbox, key, UsersRead);

        using (var users = await CallAsync(sandbox, "api/v1/users", new AuthenticationHeaderValue("Bearer", usersOnly)))
        {
            Assert.Equal(200, (int)users.StatusCode);
        }

        using var oig = await CallAsync(sandbox, EntitlementList(sandbox), new AuthenticationHeaderValue("Bearer", usersOnly));
        Assert.Equal(403, (int)oig.StatusCode);
        Assert.Contains("error=\"insufficient_scope\"", oig.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal("E0000006", (await TestSandbox.JsonAsync(oig))["errorCode"]!.GetValue<string>());

        await RegisterAsync(sandbox, [key], [UsersRead, EntitlementsRead], adminRole: false);
        var noRole = await BearerTokenAsync(sandbox, key, UsersRead);
        using var refused = await CallAsync(sandbox, "api/v1/users", new AuthenticationHeaderValue("Bearer", noRole));
        Assert.Equal(403, (int)refused.StatusCode);
        var body = await TestSandbox.JsonAsync(refused);
        Assert.Equal("E0000006", body["errorCode"]!.GetValue<string>());
        Assert.Equal("You do not have permission to perform the requested action", body["errorSummary"]!.GetValue<string>());
    }

    [Fact]
    public async Task Expiring_every_token_makes_the_next_call_401_and_a_new_token_works()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var key = ServiceAppKey.Ec();
        await RegisterAsync(sandbox, [key], [UsersRead]);
        var token = await BearerTokenAsync(sandbox, key, UsersRead);

        using var expire = await sandbox.Http.PostAsync("_sandbox/okta/oauth-tokens/expire", null);
        Assert.Equal(1, (await TestSandbox.JsonAsync(expire))["expired"]!.GetValue<int>());

        using var stale = await CallAsync(sandbox, "api/v1/users", new AuthenticationHeaderValue("Bearer", token));
        Assert.Equal(401, (int)stale.StatusCode);
        Assert.Equal("E0000011", (await TestSandbox.JsonAsync(stale))["errorCode"]!.GetValue<string>());
        Assert.Contains("error=\"invalid_token\"", stale.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        using var fresh = await CallAsync(sandbox, "api/v1/users", new AuthenticationHeaderValue("Bearer", await BearerTokenAsync(sandbox, key, UsersRead)));
        Assert.Equal(200, (int)fresh.StatusCode);
    }

    [Theory]
    [InlineData("private", "private key material")]
    [InlineData("small-rsa", "at least 2048")]
    [InlineData("p384", "only P-256")]
    [InlineData("no-keys", "at least one key")]
    [InlineData("duplicate-kid", "kids must differ")]
    public async Task Registering_a_bad_jwks_is_refused_400_saying_what_is_wrong(string flaw, string said)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var rsa = ServiceAppKey.Rsa();
        object[] keys = flaw switch
        {
            "private" => [new Dictionary<string, object>(rsa.PublicJwk) { ["d"] = "AAAA" }],
            "small-rsa" => [new Dictionary<string, object> { ["kty"] = "RSA", ["n"] = Base64UrlEncoder.Encode(new byte[128]), ["e"] = "AQAB" }],
            "p384" => [new Dictionary<string, object> { ["kty"] = "EC", ["crv"] = "P-384", ["x"] = "AA", ["y"] = "AA" }],
            "duplicate-kid" => [rsa.PublicJwk, rsa.PublicJwk],
            _ => [],
        };

        using var response = await sandbox.Http.PutAsJsonAsync($"_sandbox/okta/oauth-clients/{ClientId}", new { jwks = new { keys }, scopes = new[] { UsersRead } });
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains(said, (await TestSandbox.JsonAsync(response))["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static void AssertProofRefused(HttpResponseMessage response, string said)
    {
        Assert.Equal(400, (int)response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.StartsWith("DPoP ", challenge, StringComparison.Ordinal);
        Assert.Contains("error=\"invalid_dpop_proof\"", challenge, StringComparison.Ordinal);
        Assert.Contains(said, challenge, StringComparison.Ordinal);
    }

    private static async Task RegisterAsync(TestSandbox sandbox, ServiceAppKey[] keys, string[] scopes, bool requireDpop = false, bool adminRole = true)
    {
        using var response = await sandbox.Http.PutAsJsonAsync(
            $"_sandbox/okta/oauth-clients/{ClientId}",
            new { jwks = new { keys = keys.Select(k => k.PublicJwk).ToArray() }, scopes, requireDpop, adminRole });
        Assert.Equal(204, (int)response.StatusCode);
    }

    private static string TokenUrl(TestSandbox sandbox) => new Uri(sandbox.Host.OktaBaseUrl, "oauth2/v1/token").ToString();

    private static string EntitlementList(TestSandbox sandbox) =>
        "governance/api/v1/entitlements?filter=" + Uri.EscapeDataString($"parent.externalId eq \"{sandbox.AppId}\" AND parent.type eq \"APPLICATION\"");

    private static Dictionary<string, object> AssertionClaims(TestSandbox sandbox, string clientId, DateTimeOffset now) => new()
    {
        ["iss"] = clientId,
        ["sub"] = clientId,
        ["aud"] = TokenUrl(sandbox),
        ["iat"] = now.ToUnixTimeSeconds(),
        ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(),
        ["jti"] = Guid.NewGuid().ToString("N"),
    };

    private static string Assertion(TestSandbox sandbox, ServiceAppKey key) => key.Sign(AssertionClaims(sandbox, ClientId, DateTimeOffset.UtcNow));

    private static string Proof(ServiceAppKey key, string method, string url, string? nonce = null, string? accessToken = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["htm"] = method,
            ["htu"] = url,
            ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }

        if (accessToken is not null)
        {
            claims["ath"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));
        }

        return key.Sign(claims, "dpop+jwt", new() { ["jwk"] = key.PublicJwk });
    }

    private static Task<HttpResponseMessage> RequestTokenAsync(TestSandbox sandbox, string assertion, string? scope, string? proof = null)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
        };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return PostFormAsync(sandbox, form, proof);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(TestSandbox sandbox, Dictionary<string, string> form, string? proof = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth2/v1/token") { Content = new FormUrlEncodedContent(form) };
        if (proof is not null)
        {
            request.Headers.Add("DPoP", proof);
        }

        return await sandbox.Http.SendAsync(request);
    }

    private static async Task<string> BearerTokenAsync(TestSandbox sandbox, ServiceAppKey key, string scope)
    {
        using var response = await RequestTokenAsync(sandbox, Assertion(sandbox, key), scope);
        Assert.Equal(200, (int)response.StatusCode);
        return (await TestSandbox.JsonAsync(response))["access_token"]!.GetValue<string>();
    }

    /// <summary>The whole DPoP dance: a proof without nonce, the nonce from the answer, a new assertion and proof with it.</summary>
    private static async Task<string> DpopTokenAsync(TestSandbox sandbox, ServiceAppKey key, ServiceAppKey dpopKey, string scope)
    {
        string nonce;
        using (var challenge = await RequestTokenAsync(sandbox, Assertion(sandbox, key), scope, Proof(dpopKey, "POST", TokenUrl(sandbox))))
        {
            nonce = challenge.Headers.GetValues("DPoP-Nonce").Single();
        }

        using var response = await RequestTokenAsync(sandbox, Assertion(sandbox, key), scope, Proof(dpopKey, "POST", TokenUrl(sandbox), nonce));
        var body = await TestSandbox.JsonAsync(response);
        Assert.Equal("DPoP", body["token_type"]!.GetValue<string>());
        return body["access_token"]!.GetValue<string>();
    }

    private static async Task<HttpResponseMessage> CallAsync(TestSandbox sandbox, string pathAndQuery, AuthenticationHeaderValue authorization, string? proof = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Authorization = authorization;
        if (proof is not null)
        {
            request.Headers.Add("DPoP", proof);
        }

        return await sandbox.Http.SendAsync(request);
    }
}
