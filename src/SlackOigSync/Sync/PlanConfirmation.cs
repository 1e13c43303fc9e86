namespace SlackOigSync.Sync;

/// <summary>
/// The second looks before taking access away, in order: Slack read again for the roles to revoke
/// (<see cref="RevocationConfirmer"/>), then, for roles to remove in Slack, OIG and Slack looked at afresh
/// (<see cref="SlackRemovalLocator"/>). A blocked plan's removals in Slack are not looked at: none is applied.
/// </summary>
public sealed class PlanConfirmation(RevocationConfirmer confirmer, SlackRemovalLocator removalLocator)
{
    public async Task<ConfirmedPlan> ConfirmAsync(
        SyncPlan plan, RunPeople people, RunContext run, IReadOnlyDictionary<string, CurrentValue> values, CancellationToken cancellationToken)
    {
        var leftOut = people.Resolution.DeletedSlackUsers.Concat(people.Resolution.BotSlackUsers).ToHashSet(StringComparer.Ordinal);
        var (confirmed, held) = await confirmer.ConfirmAsync(plan, people.Identities, leftOut, cancellationToken);
        if (confirmed.SlackRemovals.Count == 0 || confirmed.RevocationsBlocked is not null)
        {
            return new ConfirmedPlan(confirmed, held, 0);
        }

        // A fresh look at both sides before taking a role away in Slack: OIG still without the grant, and where Slack holds it.
        var (located, disagreed) = await removalLocator.LocateAsync(confirmed.SlackRemovals, run, values, cancellationToken);
        return new ConfirmedPlan(confirmed with { SlackRemovals = located }, [.. held, .. disagreed], disagreed.Count);
    }
}
