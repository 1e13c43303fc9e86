using SlackOigSync.Configuration;
using SlackOigSync.Storage;
using SlackOigSync.Sync;

namespace SlackOigSync.Tests.Sync;

/// <summary>The planner's part of issue 13: noticing a grant revoked in OIG, and what each Sync:OnOigRevocation mode plans.</summary>
public sealed class OigRevocationPlanningTests
{
    private static readonly CurrentValue Analytics = new("entA", "Rl0L", "Analytics Admin", "orn:okta:governance:00o1:entitlement-values:entA");
    private static readonly CurrentValue AuditLogs = new("entB", "Rl0C", "Audit Logs Admin", "orn:okta:governance:00o1:entitlement-values:entB");
    private static readonly Dictionary<string, string> Names = new() { ["Rl0L"] = "Analytics Admin", ["Rl0C"] = "Audit Logs Admin" };

    private static DesiredUser User(string okta, params string[] roles) => new(okta, "U" + okta, okta + "@example.com", roles.ToHashSet());

    private static CurrentGrant Grant(string user, params string[] values) => new("0gg" + user, "ENTITLEMENT", user, $"orn:okta:directory:00o1:users:{user}", values);

    private static SyncPlan Plan(
        IEnumerable<DesiredUser> desired, IEnumerable<CurrentGrant> grants, OigRevocationMode mode = OigRevocationMode.Report,
        IEnumerable<(string, string)>? remembered = null, IEnumerable<(string, string)>? open = null, IEnumerable<CurrentValue>? values = null,
        IEnumerable<ProtectedGrant>? protectedGrants = null) =>
        SyncPlanner.Plan(new PlanInput([.. desired], desired.SelectMany(d => d.RoleIds).ToHashSet(), Names, values ?? [Analytics, AuditLogs], [.. grants])
        {
            RememberedHeld = (remembered ?? []).ToHashSet(),
            OpenOigRevocations = (open ?? []).ToHashSet(),
            OnOigRevocation = mode,
            Protected = [.. protectedGrants ?? []],
            KnownOktaUsers = desired.Select(d => d.OktaUserId).ToHashSet(),
        });

    [Fact]
    public void A_remembered_grant_gone_from_oig_while_slack_lists_the_role_is_not_granted_again_in_report_mode()
    {
        var plan = Plan([User("u1", "Rl0L", "Rl0C")], [Grant("u1", "entA")], remembered: [("u1", "Rl0L"), ("u1", "Rl0C")]);

        var found = Assert.Single(plan.OigRevocations);
        Assert.Equal(("u1", "Rl0C", false), (found.OktaUserId, found.RoleId, found.AlreadyRecorded));
        Assert.Equal(["Uu1"], found.SlackUserIds);
        Assert.Empty(plan.GrantsToAdd);
        Assert.Empty(plan.SlackRemovals);
        Assert.Equal(0, plan.GuardedRevocations);
    }

    [Fact]
    public void A_pair_the_sync_never_held_is_an_ordinary_addition()
    {
        var plan = Plan([User("u1", "Rl0C")], [], remembered: [("u2", "Rl0C")]);

        Assert.Empty(plan.OigRevocations);
        Assert.Equal(["Rl0C"], Assert.Single(plan.GrantsToAdd).RoleIds);
    }

    [Fact]
    public void A_role_whose_value_is_gone_from_oig_altogether_is_created_and_granted_again_not_reported()
    {
        var plan = Plan([User("u1", "Rl0C")], [], remembered: [("u1", "Rl0C")], values: [Analytics]);

        Assert.Empty(plan.OigRevocations);
        Assert.Equal("Rl0C", Assert.Single(plan.ValuesToCreate).RoleId);
        Assert.Equal(["Rl0C"], Assert.Single(plan.GrantsToAdd).RoleIds);
    }

    [Fact]
    public void RemoveFromSlack_plans_a_removal_the_guard_counts_as_a_revocation()
    {
        var plan = Plan([User("u1", "Rl0C"), User("u2", "Rl0C"), User("u3", "Rl0C")], [],
            OigRevocationMode.RemoveFromSlack, remembered: [("u1", "Rl0C"), ("u2", "Rl0C"), ("u3", "Rl0C")]);

        Assert.Equal(3, plan.SlackRemovals.Count);
        Assert.Equal(3, plan.GuardedRevocations);
        Assert.NotNull(plan.RevocationsBlocked); // 3 of 0 managed grants: the share rule holds them back
        Assert.Empty(plan.GrantsToAdd);
    }

    [Fact]
    public void Regrant_grants_it_again_and_still_says_so()
    {
        var plan = Plan([User("u1", "Rl0C")], [], OigRevocationMode.Regrant, remembered: [("u1", "Rl0C")]);

        Assert.Single(plan.OigRevocations);
        Assert.Equal(["Rl0C"], Assert.Single(plan.GrantsToAdd).RoleIds);
        Assert.Empty(plan.SlackRemovals);
    }

    [Fact]
    public void A_recorded_revocation_stays_while_slack_lists_the_role_and_closes_when_slack_drops_it_or_oig_grants_it_again()
    {
        var still = Plan([User("u1", "Rl0C")], [], open: [("u1", "Rl0C")]);
        Assert.True(Assert.Single(still.OigRevocations).AlreadyRecorded);
        Assert.Empty(still.OigRevocationsClosed);

        var dropped = Plan([User("u1", "Rl0L")], [Grant("u1", "entA")], open: [("u1", "Rl0C")]);
        Assert.Equal(new ClosedOigRevocation("u1", "Rl0C", OigRevocationResolution.SlackNoLongerLists), Assert.Single(dropped.OigRevocationsClosed));

        var regranted = Plan([User("u1", "Rl0C")], [Grant("u1", "entB")], open: [("u1", "Rl0C")]);
        Assert.Empty(regranted.OigRevocations);
        Assert.Equal(new ClosedOigRevocation("u1", "Rl0C", OigRevocationResolution.GrantedAgainInOig), Assert.Single(regranted.OigRevocationsClosed));
    }

    [Fact]
    public void A_recorded_revocation_of_a_holder_unresolved_today_stays_open_the_silence_proves_nothing()
    {
        var plan = Plan([], [], open: [("u1", "Rl0C")], protectedGrants: [new ProtectedGrant("u1", "Rl0C", "Uu1", null, "identity unresolved")]);

        Assert.Empty(plan.OigRevocationsClosed);
        Assert.Empty(plan.OigRevocations);
    }
}
