using System.Net;
using System.Net.Sockets;
using Dapper;
using Microsoft.Data.Sqlite;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Tests.Storage;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.EndToEnd;

/// <summary>
/// Answers an attacker or a broken gateway could send: links and redirects to another host, listings that page in
/// circles or for ever, answers too large to hold, lists that are null or items without ids, and error pages that
/// echo the request's credential. Each ends the run FAILED with exit 1 and a sentence, nothing is written to OIG,
/// nothing is sent to another host, and no credential appears in any text.
/// </summary>
public sealed class HostileAnswerTests
{
    private const string AppUsers = "okta:GET /api/v1/apps/{appId}/users";
    private const string Entitlements = "oig:GET /governance/api/v1/entitlements";
    private const string Values = "oig:GET /governance/api/v1/entitlements/{id}/values";
    private const string Grants = "oig:GET /governance/api/v1/grants";
    private const string Assignments = "slack:admin.roles.listAssignments";

    /// <summary>The Okta and OIG listings a run reads, every one of which follows links.</summary>
    public static TheoryData<string> LinkedListings => [AppUsers, Entitlements, Values, Grants];

    public static TheoryData<string> AllListings => [AppUsers, Entitlements, Values, Grants, Assignments];

    [Theory]
    [MemberData(nameof(LinkedListings))]
    public async Task A_next_link_to_another_host_ends_the_run_and_nothing_is_sent_there(string listing)
    {
        using var elsewhere = new CountingListener();
        var (sandbox, cli, before) = await AfterAFirstRunAsync();
        await using var disposeSandbox = sandbox;
        using var disposeCli = cli;

        sandbox.Host.AnswerFaults.Add(new AnswerFault(listing, AnswerFaultKind.ForeignNextLink, Url: $"http://127.0.0.1:{elsewhere.Port}/api/v1/users?after=x"));
        var (code, output, errors) = await cli.RunAsync("run");

        Assert.Equal(1, code);
        Assert.Contains($"points at http://127.0.0.1:{elsewhere.Port}", output + errors);
        Assert.Equal(0, elsewhere.Connections);
        Assert.Equal(before, await sandbox.StateAsync());
        Assert.Equal("FAILED", LastRun(cli).Status);
        Assert.Contains("foreign_link", LastRun(cli).Error);
    }

    [Theory]
    [MemberData(nameof(LinkedListings))]
    public async Task A_redirect_is_not_followed_and_names_where_it_pointed(string listing)
    {
        using var elsewhere = new CountingListener();
        var (sandbox, cli, before) = await AfterAFirstRunAsync();
        await using var disposeSandbox = sandbox;
        using var disposeCli = cli;

        sandbox.Host.AnswerFaults.Add(new AnswerFault(listing, AnswerFaultKind.Redirect, Url: $"http://127.0.0.1:{elsewhere.Port}/moved"));
        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(1, code);
        Assert.Contains($"redirect to http://127.0.0.1:{elsewhere.Port}/moved", output);
        Assert.Equal(0, elsewhere.Connections);
        Assert.Equal(before, await sandbox.StateAsync());
    }

    [Theory]
    [MemberData(nameof(AllListings))]
    public async Task A_listing_that_pages_in_circles_ends_the_run_instead_of_running_for_ever(string listing)
    {
        var (sandbox, cli, before) = await AfterAFirstRunAsync();
        await using var disposeSandbox = sandbox;
        using var disposeCli = cli;

        sandbox.Host.AnswerFaults.Add(new AnswerFault(listing, AnswerFaultKind.RepeatNextLink, Times: AnswerFault.Forever));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)); // a guard for the test run only; the worker must end on its own
        var (code, output, _) = await cli.RunAsync(timeout.Token, "run");

        Assert.False(timeout.IsCancellationRequested, "the run only ended because the test cancelled it");
        Assert.Equal(1, code);
        Assert.Contains("repeats one already followed", output);
        Assert.Equal(before, await sandbox.StateAsync());
        Assert.Contains("repeated_page", LastRun(cli).Error);
    }

    [Fact]
    public async Task A_listing_longer_than_the_page_cap_ends_the_run()
    {
        await using var sandbox = await TestSandbox.StartAsync(UnresolvedHoldersKeepGrantsTests.Seed("generated"));
        using var cli = new SyncCli(sandbox);
        cli.Overrides["Http:MaxPagesPerListing"] = "1";

        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(1, code);
        Assert.Contains("past 1 pages (Http:MaxPagesPerListing)", output);
        Assert.Equal(0, sandbox.Read(s => s.Grants.Count));
    }

    [Theory]
    [InlineData(AppUsers)]
    [InlineData(Grants)]
    [InlineData(Assignments)]
    public async Task An_answer_larger_than_the_limit_ends_the_run_without_being_read_whole(string listing)
    {
        var (sandbox, cli, before) = await AfterAFirstRunAsync();
        await using var disposeSandbox = sandbox;
        using var disposeCli = cli;
        cli.Overrides["Http:MaxResponseBytes"] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);

        sandbox.Host.AnswerFaults.Add(new AnswerFault(listing, AnswerFaultKind.Oversize, Count: 8 * 1024 * 1024));
        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(1, code);
        Assert.Contains("larger than 1,048,576 bytes (Http:MaxResponseBytes)", output);
        Assert.DoesNotContain("connection_failed", output);
        Assert.Equal(before, await sandbox.StateAsync());
    }

    [Theory]
    [MemberData(nameof(AllListings))]
    public async Task A_null_list_is_malformed_never_empty(string listing)
    {
        var (sandbox, cli, before) = await AfterAFirstRunAsync();
        await using var disposeSandbox = sandbox;
        using var disposeCli = cli;

        sandbox.Host.AnswerFaults.Add(new AnswerFault(listing, AnswerFaultKind.NullList));
        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(1, code);
        Assert.Contains("malformed", output);
        Assert.Equal(before, await sandbox.StateAsync());
    }

    [Fact]
    public async Task Grants_read_as_null_on_a_first_sync_create_nothing()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var cli = new SyncCli(sandbox);
        await cli.RunAsync("run");
        var grants = sandbox.Read(s => s.Grants.Count);
        Assert.True(grants > 0);

        // A fresh database, so nothing is remembered: only the answer stands between the run and a duplicate of every grant.
        using var fresh = new SyncCli(sandbox);
        sandbox.Host.AnswerFaults.Add(new AnswerFault(Grants, AnswerFaultKind.NullList, Times: AnswerFault.Forever));
        Assert.Equal(1, (await fresh.RunAsync("run")).ExitCode);
        Assert.Equal(grants, sandbox.Read(s => s.Grants.Count));
    }

    [Theory]
    [InlineData(AppUsers, "id")]
    [InlineData(Grants, "id")]
    [InlineData(Grants, "targetPrincipal")]
    [InlineData(Values, "externalValue")]
    [InlineData(Entitlements, "id")]
    public async Task An_item_without_a_field_the_sync_relies_on_is_malformed_and_named(string listing, string field)
    {
        var (sandbox, cli, before) = await AfterAFirstRunAsync();
        await using var disposeSandbox = sandbox;
        using var disposeCli = cli;

        sandbox.Host.AnswerFaults.Add(new AnswerFault(listing, AnswerFaultKind.OmitField, Field: field));
        var (code, output, _) = await cli.RunAsync("run");

        Assert.Equal(1, code);
        Assert.Contains("malformed", output);
        Assert.Contains(field == "id" ? "id" : $"'{field}'", LastRun(cli).Error);
        Assert.DoesNotContain("NullReferenceException", output);
        Assert.Equal(before, await sandbox.StateAsync());
    }

    [Theory]
    [InlineData(AppUsers)]
    [InlineData(Grants)]
    public async Task A_gateway_page_that_echoes_the_credential_leaks_it_nowhere(string listing)
    {
        var (sandbox, cli, _) = await AfterAFirstRunAsync();
        await using var disposeSandbox = sandbox;
        using var disposeCli = cli;

        sandbox.Host.AnswerFaults.Add(new AnswerFault(listing, AnswerFaultKind.EchoHeaders, Times: AnswerFault.Forever));
        var (code, output, errors) = await StorageFaults.RunProcessAsync(cli, "run", "--verbose");

        Assert.Equal(1, code);
        Assert.Contains("HTTP 502", output);
        Assert.True(sandbox.Host.Traffic.InjectedFaults["EchoHeaders"] > 0);
        var database = File.ReadAllBytes(cli.DatabasePath);
        foreach (var secret in new[] { sandbox.Host.Tokens.OktaApiToken, sandbox.Host.Tokens.SlackUserToken })
        {
            Assert.DoesNotContain(secret, output);
            Assert.DoesNotContain(secret, errors);
            Assert.DoesNotContain(secret, LastRun(cli).Error);
            Assert.Equal(-1, database.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(secret)));
        }
    }

    /// <summary>
    /// The demo org after a first sync, with one role since removed in Slack: a second run has a revocation to make,
    /// so a run that believed a hostile answer would have something to write. Returns the state to compare with.
    /// </summary>
    private static async Task<(TestSandbox Sandbox, SyncCli Cli, string Before)> AfterAFirstRunAsync()
    {
        var sandbox = await TestSandbox.StartAsync();
        var cli = new SyncCli(sandbox);
        Assert.Equal(0, (await cli.RunAsync("run")).ExitCode);
        sandbox.Change(s => s.RemoveAssignments("Rl7Q", "U0IVAN00010", null));
        return (sandbox, cli, await sandbox.StateAsync());
    }

    private static (string Status, string Error) LastRun(SyncCli cli)
    {
        using var connection = new SqliteConnection($"Data Source={cli.DatabasePath};Pooling=False");
        return connection.QuerySingle<(string, string)>("SELECT status, coalesce(error_message, '') FROM sync_execution_log ORDER BY rowid DESC LIMIT 1");
    }

    /// <summary>A loopback listener that only counts who connects: the "other host" a hostile link points at.</summary>
    private sealed class CountingListener : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private int _connections;

        public CountingListener()
        {
            _listener.Start();
            _ = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Connections => Volatile.Read(ref _connections);

        public void Dispose() => _listener.Stop();

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    using var client = await _listener.AcceptTcpClientAsync();
                    Interlocked.Increment(ref _connections);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }
    }
}
