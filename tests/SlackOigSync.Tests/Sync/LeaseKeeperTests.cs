using Microsoft.Extensions.Time.Testing;
using SlackOigSync.Configuration;
using SlackOigSync.Http;
using SlackOigSync.Storage;
using SlackOigSync.Sync;
using SlackOigSync.Tests.Support;

namespace SlackOigSync.Tests.Sync;

/// <summary>The run's lease on a fake clock: renewed every third of Sync:LeaseDuration, the run told to stop when another run takes it, released at the end.</summary>
public sealed class LeaseKeeperTests : IDisposable
{
    private static readonly TimeSpan Duration = TimeSpan.FromMinutes(3);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"slack-oig-sync-lease-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 2, 0, 0, TimeSpan.Zero));
    private readonly RunLease _lease;
    private readonly LeaseKeeper _keeper;

    public LeaseKeeperTests()
    {
        var database = new SyncDatabase(_path);
        database.Migrate();
        _lease = new RunLease(database);
        var settings = new AppSettings(new SlackSettings(), new OktaSettings(), new SyncSettings { DatabasePath = _path, LeaseDuration = Duration }, new ScheduleSettings(), new HttpResilienceSettings());
        _keeper = new LeaseKeeper(_lease, settings, _clock, new ListLogger<LeaseKeeper>());
    }

    public void Dispose()
    {
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_lease_is_renewed_every_third_of_its_duration_and_released_at_the_end()
    {
        using var stop = new CancellationTokenSource();
        var held = _keeper.Acquire("run-1", stop);
        Assert.Equal(_clock.GetUtcNow() + Duration, _lease.Current()!.ExpiresAt);

        _clock.Advance(Duration / 3);
        var renewedUntil = _clock.GetUtcNow() + Duration;
        Assert.True(await Eventually(() => _lease.Current()?.ExpiresAt == renewedUntil), "the lease was not renewed after a third of its duration");

        _clock.Advance(Duration / 3);
        var againUntil = _clock.GetUtcNow() + Duration;
        Assert.True(await Eventually(() => _lease.Current()?.ExpiresAt == againUntil), "the lease was not renewed a second time");
        Assert.False(stop.IsCancellationRequested);

        await held.DisposeAsync();
        Assert.Null(_lease.Current());
    }

    [Fact]
    public async Task A_run_whose_lease_another_run_took_is_told_to_stop_at_the_next_renewal()
    {
        using var stop = new CancellationTokenSource();
        var held = _keeper.Acquire("run-1", stop);
        _lease.ReleaseAny();
        Assert.True(_lease.TryAcquire("run-2", _clock.GetUtcNow(), Duration).Acquired);

        _clock.Advance(Duration / 3);

        Assert.True(await Eventually(() => stop.IsCancellationRequested), "the run was not told it lost the lease");
        await held.DisposeAsync();
        Assert.Equal("run-2", _lease.Current()!.Holder); // releasing never removes another run's lease
    }

    [Fact]
    public void A_lease_held_by_a_live_run_is_refused_naming_its_holder()
    {
        Assert.True(_lease.TryAcquire("run-0", _clock.GetUtcNow(), Duration).Acquired);
        using var stop = new CancellationTokenSource();

        var refused = Assert.Throws<LeaseUnavailableException>(() => _keeper.Acquire("run-1", stop));

        Assert.StartsWith("another run (run-0) holds this database's lease until 2026-12-06T02:03:00.000Z", refused.Message);
    }

    /// <summary>The renewal runs on the thread pool once the fake clock fires its timer; wait (bounded) for what it writes.</summary>
    private static async Task<bool> Eventually(Func<bool> condition)
    {
        for (var waited = 0; waited < 5000; waited += 5)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(5);
        }

        return condition();
    }
}
