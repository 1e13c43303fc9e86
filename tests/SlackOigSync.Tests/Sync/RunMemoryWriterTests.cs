using Microsoft.Extensions.Logging;
using SlackOigSync.Configuration;
using SlackOigSync.Http;
using SlackOigSync.Storage;
using SlackOigSync.Sync;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Sync;

/// <summary>RunMemoryWriter against a temporary SQLite database: what a real run leaves for the next one, and a storage failure as a sentence.</summary>
public sealed class RunMemoryWriterTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"slack-oig-sync-memory-{Guid.NewGuid():N}.db");
    private readonly ListLogger<RunMemoryWriter> _log = new();

    public void Dispose()
    {
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void The_mapping_of_the_roles_Slack_lists_and_every_resolved_holders_link_are_saved()
    {
        var database = Migrated();
        var basis = Basis(new IdentityLinkRepository(database), ("U1", "00u1"));
        var outcome = Outcome(("Rl01", "ent1"), ("Rl99", "ent99"));

        Assert.Null(Writer(database).SaveMappingAndLinks(basis, outcome, blocked: false));

        var mapping = Assert.Single(new RoleMappingRepository(database).All());
        Assert.Equal(("Rl01", "Org Admin", "ent1"), (mapping.Key, mapping.Value.Name, mapping.Value.ValueId));
        Assert.Equal("00u1", new IdentityLinkRepository(database).All()["U1"].OktaUserId);
    }

    [Theory]
    [InlineData(false, "00uNew")]
    [InlineData(true, "00uOld")]
    public void A_blocked_run_keeps_the_old_link_of_a_moved_holder_for_the_next_runs_guard(bool blocked, string linkedAfter)
    {
        var database = Migrated();
        var links = new IdentityLinkRepository(database);
        links.Save([new IdentityLink("U1", "00uOld", LinkSource.Email, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))]);
        var basis = Basis(links, ("U1", "00uNew"));
        Assert.Single(basis.People.Moved);

        Assert.Null(Writer(database).SaveMappingAndLinks(basis, Outcome(("Rl01", "ent1")), blocked));

        Assert.Equal(linkedAfter, new IdentityLinkRepository(database).All()["U1"].OktaUserId);
    }

    [Fact]
    public void A_database_that_cannot_be_written_is_logged_and_returned_as_the_runs_message()
    {
        var database = new SyncDatabase(_path); // never migrated: no system_role_mapping table
        var basis = Basis(null, ("U1", "00u1"));

        var message = Writer(database).SaveMappingAndLinks(basis, Outcome(("Rl01", "ent1")), blocked: false);

        Assert.NotNull(message);
        Assert.StartsWith("2 change(s) were applied and audited, but the role mapping and identity links could not be saved: ", message, StringComparison.Ordinal);
        var (level, text) = Assert.Single(_log.Entries);
        Assert.Equal(LogLevel.Error, level);
        Assert.StartsWith("Sync failed after applying: ", text, StringComparison.Ordinal);
    }

    private SyncDatabase Migrated()
    {
        var database = new SyncDatabase(_path);
        database.Migrate();
        return database;
    }

    private RunMemoryWriter Writer(SyncDatabase database)
    {
        var settings = new AppSettings(new SlackSettings(), new OktaSettings(), new SyncSettings { DatabasePath = _path }, new ScheduleSettings(), new HttpResilienceSettings());
        var memory = new GrantMemory(new ManagedGrantStateRepository(database), new OigRevocationRepository(database), settings, TimeProvider.System);
        return new RunMemoryWriter(settings, new RoleMappingRepository(database), new IdentityLinkRepository(database), memory, TimeProvider.System, _log);
    }

    /// <summary>Slack lists Rl01 (Org Admin) for each holder, resolved by email to the given Okta user; remembered links from <paramref name="links"/>.</summary>
    private static PlanBasis Basis(IdentityLinkRepository? links, params (string SlackUserId, string OktaUserId)[] holders)
    {
        var resolution = new UserResolution(
            holders.ToDictionary(h => h.SlackUserId, h => new ResolvedUser(h.SlackUserId, h.OktaUserId, $"{h.SlackUserId}@example.com", LinkSource.Email), StringComparer.Ordinal),
            [], [], [], [], holders.Length);
        var identities = new IdentityMap(resolution, new Dictionary<string, string>(), links?.All() ?? new Dictionary<string, IdentityLink>());
        var rolesByUser = holders.ToDictionary(h => h.SlackUserId, IReadOnlySet<string> (_) => new HashSet<string> { "Rl01" }, StringComparer.Ordinal);
        var people = new RunPeople(resolution, identities, [], new Dictionary<string, string>(), identities.Moved(rolesByUser));
        return new PlanBasis([], new HashSet<string> { "Rl01" }, new Dictionary<string, string> { ["Rl01"] = "Org Admin" }, RevocationGuard.Default, people,
            new HashSet<(string, string)>(), new HashSet<(string, string)>(), OigRevocationMode.Report);
    }

    private static ApplyOutcome Outcome(params (string RoleId, string ValueId)[] values) =>
        new(2, 0, 0, 2, values.ToDictionary(v => v.RoleId, v => new CurrentValue(v.ValueId, v.RoleId, $"value {v.RoleId}", null), StringComparer.Ordinal)) { EntitlementId = "esp1" };
}
