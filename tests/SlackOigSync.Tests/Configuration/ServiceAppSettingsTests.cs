using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SlackOigSync.Cli;
using SlackOigSync.Okta.OAuth;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Configuration;

/// <summary>
/// Okta:AuthMode=PrivateKey and secrets read from files: the key formats the worker signs with, the assertion and DPoP
/// proofs it makes, and each first-week mistake refused with exit 2 and a sentence that never shows a secret.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ServiceAppSettingsTests : IDisposable
{
    private const string ClientId = "0oaserviceapp0000001";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "slack-oig-sync-tests", "svc-" + Guid.NewGuid().ToString("N"));

    public ServiceAppSettingsTests() => Directory.CreateDirectory(_directory);

    public static TheoryData<string> KeyFormats => ["pkcs8-rsa", "pkcs1-rsa", "sec1-ec", "pkcs8-ec", "jwk-rsa", "jwk-ec"];

    [Theory]
    [MemberData(nameof(KeyFormats))]
    public async Task Every_supported_key_format_loads_and_signs_an_assertion_okta_can_verify(string format)
    {
        var (path, publicKey) = WriteKey(format);

        var (key, problem) = SigningKey.Load(path, "kid-1");

        Assert.Null(problem);
        var endpoint = new Uri("https://acme.okta.com/oauth2/v1/token");
        var now = DateTimeOffset.UtcNow;
        var assertion = ClientAssertionJwt.Create(key!, ClientId, endpoint, now);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            ValidIssuer = ClientId,
            ValidAudience = endpoint.AbsoluteUri,
            IssuerSigningKey = publicKey,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = new JsonWebToken(assertion);
        Assert.Equal(ClientId, jwt.Subject);
        Assert.Equal("kid-1", jwt.Kid);
        Assert.Equal(format.EndsWith("ec", StringComparison.Ordinal) ? "ES256" : "RS256", jwt.Alg);
        Assert.Equal(TimeSpan.FromMinutes(5), jwt.ValidTo - jwt.IssuedAt);
        Assert.NotEqual(jwt.Id, new JsonWebToken(ClientAssertionJwt.Create(key!, ClientId, endpoint, now)).Id);
    }

    [Fact]
    public void A_dpop_proof_carries_the_public_key_the_request_and_the_token_hash()
    {
        using var dpop = new DPoPKey();
        var proof = new JsonWebToken(dpop.Proof(HttpMethod.Get, new Uri("https://acme.okta.com/api/v1/users?limit=200#x"), DateTimeOffset.UtcNow, "at-123", "nonce-1"));

        Assert.Equal("dpop+jwt", proof.Typ);
        Assert.Equal("ES256", proof.Alg);
        var jwk = JsonDocument.Parse(proof.GetHeaderValue<JsonElement>("jwk").GetRawText()).RootElement;
        Assert.Equal("EC", jwk.GetProperty("kty").GetString());
        Assert.False(jwk.TryGetProperty("d", out _), "the proof carries the private key");
        Assert.Equal("GET", proof.GetPayloadValue<string>("htm"));
        Assert.Equal("https://acme.okta.com/api/v1/users", proof.GetPayloadValue<string>("htu"));
        Assert.Equal(Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes("at-123"))), proof.GetPayloadValue<string>("ath"));
        Assert.Equal("nonce-1", proof.GetPayloadValue<string>("nonce"));
    }

    [Theory]
    [InlineData("public", "is not a private key this worker can sign with")]
    [InlineData("p384", "Only the P-256 curve (ES256) is supported")]
    [InlineData("garbage", "is not a private key this worker can sign with")]
    [InlineData("short-rsa", "An RSA key shorter than 2048 bits")]
    [InlineData("missing", "cannot be read (no such file)")]
    [InlineData("directory", "is a directory")]
    public async Task A_key_file_that_cannot_serve_is_refused_before_any_call(string kind, string expected)
    {
        var path = Path.Combine(_directory, "key.pem");
        switch (kind)
        {
            case "public":
                using (var rsa = RSA.Create(2048)) { File.WriteAllText(path, rsa.ExportSubjectPublicKeyInfoPem()); }
                break;
            case "p384":
                using (var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384)) { File.WriteAllText(path, ec.ExportECPrivateKeyPem()); }
                break;
            case "garbage":
                File.WriteAllText(path, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
                break;
            case "short-rsa":
                using (var rsa = RSA.Create(1024)) { File.WriteAllText(path, rsa.ExportPkcs8PrivateKeyPem()); }
                break;
            case "directory":
                path = _directory;
                break;
        }

        var (code, errors) = await RunAsync(("Okta:AuthMode", "PrivateKey"), ("Okta:ApiToken", ""), ("Okta:ClientId", ClientId), ("Okta:PrivateKeyPath", path));

        Assert.Equal(CommandLineApp.UsageError, code);
        Assert.Contains(expected, errors);
        Assert.DoesNotContain("-----", errors);
        Assert.DoesNotContain("bm90IGEga2V5", errors);
        Assert.DoesNotContain("   at ", errors);
    }

    [Fact]
    public async Task Private_key_mode_names_each_missing_setting_and_a_leftover_api_token()
    {
        var (code, errors) = await RunAsync(("Okta:AuthMode", "PrivateKey"), ("Okta:Scopes", "users.read"));

        Assert.Equal(CommandLineApp.UsageError, code);
        Assert.Contains("Okta:ClientId is not set", errors);
        Assert.Contains("Okta:PrivateKeyPath is not set", errors);
        Assert.Contains("Okta:ApiToken or Okta:AccessToken is also set", errors);
        Assert.Contains("Okta:Scopes 'users.read' must be Okta API scopes", errors);
        Assert.DoesNotContain("00file-test-okta-token", errors);
    }

    [Fact]
    public async Task A_secret_file_is_read_trimmed_and_a_file_everyone_can_read_draws_a_warning()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        var tokenFile = Path.Combine(_directory, "okta-token");
        File.WriteAllText(tokenFile, sandbox.Host.Tokens.OktaApiToken + "\n");
        File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        cli.Overrides["Okta:ApiToken"] = null;
        cli.Overrides["Okta:ApiTokenFile"] = tokenFile;

        var (code, _, errors) = await cli.RunAsync("run");

        Assert.Equal(0, code);
        Assert.Contains($"Warning: Okta:ApiTokenFile '{tokenFile}' can be read by every user of this machine", errors);
        Assert.DoesNotContain(sandbox.Host.Tokens.OktaApiToken, errors);

        File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var (again, _, quiet) = await cli.RunAsync("run");
        Assert.Equal(0, again);
        Assert.DoesNotContain("Warning: Okta:ApiTokenFile", quiet);
    }

    [Theory]
    [InlineData("both", "Slack:Token and Slack:TokenFile are both set")]
    [InlineData("missing", "Slack:TokenFile '")]
    [InlineData("empty", "is empty; write the secret into it")]
    public async Task A_secret_file_mistake_is_refused_without_showing_the_secret(string kind, string expected)
    {
        var file = Path.Combine(_directory, "slack-token");
        if (kind != "missing")
        {
            File.WriteAllText(file, kind == "empty" ? "\n" : "xoxp-file-secret-0001\n");
        }

        var (code, errors) = await RunAsync(("Slack:TokenFile", file), ("Slack:Token", kind == "both" ? "xoxp-setting-secret-0001" : ""));

        Assert.Equal(CommandLineApp.UsageError, code);
        Assert.Contains(expected, errors);
        Assert.DoesNotContain("xoxp-file-secret", errors);
        Assert.DoesNotContain("xoxp-setting-secret", errors);
    }

    [Fact]
    public async Task A_private_key_every_user_can_read_draws_a_warning()
    {
        var (path, _) = WriteKey("pkcs8-ec");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var (_, errors) = await RunAsync(("Okta:AuthMode", "PrivateKey"), ("Okta:ApiToken", ""), ("Okta:ClientId", ClientId), ("Okta:PrivateKeyPath", path));

        Assert.Contains($"Warning: Okta:PrivateKeyPath '{path}' can be read by every user of this machine", errors);
        Assert.DoesNotContain("-----", errors);
    }

    [Fact]
    public async Task A_token_pasted_into_a_url_setting_is_not_repeated_in_the_refusal()
    {
        var (code, errors) = await RunAsync(("Okta:OrgUrl", "http://127.0.0.1:9/?x=00file-test-okta-token-0001"));

        Assert.Equal(CommandLineApp.UsageError, code);
        Assert.Contains("Okta:OrgUrl must be the org's origin only", errors);
        Assert.DoesNotContain("00file-test-okta-token-0001", errors);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The real command line with a valid base configuration (closed loopback ports) and the given settings on top.</summary>
    private async Task<(int Code, string Errors)> RunAsync(params (string Key, string Value)[] settings)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["Slack:ApiBaseUrl"] = "http://127.0.0.1:9/slack/api/",
            ["Slack:Token"] = "xoxp-test-secret-slack-0001",
            ["Okta:OrgUrl"] = "http://127.0.0.1:9",
            ["Okta:ApiToken"] = "00file-test-okta-token-0001",
            ["Okta:AccessToken"] = string.Empty,
            ["Okta:SlackAppId"] = "0oa1b2c3d4e5f6g7h8i9",
            ["Sync:DatabasePath"] = Path.Combine(_directory, "sync.db"),
            ["Sync:RoleCataloguePath"] = Path.Combine(AppContext.BaseDirectory, "config", "slack-roles.json"),
        };
        foreach (var (key, value) in settings)
        {
            overrides[key] = value;
        }

        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await CommandLineApp.RunAsync(["run", "--config", Path.Combine(AppContext.BaseDirectory, "config", "appsettings.json")], output, errors, overrides);
        return (code, errors.ToString());
    }

    private static string RsaJwk(RSAParameters p) => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["kty"] = "RSA", ["n"] = B64(p.Modulus!), ["e"] = B64(p.Exponent!), ["d"] = B64(p.D!), ["p"] = B64(p.P!), ["q"] = B64(p.Q!),
        ["dp"] = B64(p.DP!), ["dq"] = B64(p.DQ!), ["qi"] = B64(p.InverseQ!),
    });

    private static string EcJwk(ECParameters p) => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["kty"] = "EC", ["crv"] = "P-256", ["x"] = B64(p.Q.X!), ["y"] = B64(p.Q.Y!), ["d"] = B64(p.D!),
    });

    private static string B64(byte[] bytes) => Base64UrlEncoder.Encode(bytes);

    /// <summary>A private key in the given format, written to a file, and its public half for verifying.</summary>
    private (string Path, SecurityKey PublicKey) WriteKey(string format)
    {
        var path = Path.Combine(_directory, format + (format.StartsWith("jwk", StringComparison.Ordinal) ? ".json" : ".pem"));
        if (format.EndsWith("rsa", StringComparison.Ordinal))
        {
            var rsa = RSA.Create(2048);
            File.WriteAllText(path, format switch
            {
                "pkcs8-rsa" => rsa.ExportPkcs8PrivateKeyPem(),
                "pkcs1-rsa" => rsa.ExportRSAPrivateKeyPem(),
                _ => RsaJwk(rsa.ExportParameters(true)),
            });
            return (path, new RsaSecurityKey(rsa.ExportParameters(false)));
        }

        var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        File.WriteAllText(path, format switch
        {
            "sec1-ec" => ec.ExportECPrivateKeyPem(),
            "pkcs8-ec" => ec.ExportPkcs8PrivateKeyPem(),
            _ => EcJwk(ec.ExportParameters(true)),
        });
        var publicEc = ECDsa.Create(ec.ExportParameters(false));
        return (path, new ECDsaSecurityKey(publicEc));
    }
}
