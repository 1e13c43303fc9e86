using SlackOigSync.Sync;

namespace SlackOigSync.Tests.Sync;

public sealed class SyncPlannerTests
{
    private static readonly CurrentValue Analytics = new("entA", "Rl0L", "Analytics Admin", "orn:okta:governance:00o1:entitlement-values:entA");
    private static readonly CurrentValue AuditLogs = new("entB", "Rl0C", "Audit Logs Admin", "orn:okta:governance:00o1:entitlement-values:entB");

    private static readonly Dictionary<string, string> Names = new() { ["Rl0L"] = "Analytics Admin", ["Rl0C"] = "Audit Logs Admin", ["Rl02"] = "Role Admin" };

    private static DesiredUser User(string okta, params string[] roles) => new(okta, "U" + okta, null, roles.ToHashSet());

    private static CurrentGrant Grant(string user, string type, params string[] values) =>
        new("0gg" + user + type, type, user, $"orn:okta:directory:00o1:users:{user}", values) { Kind = type == "ENTITLEMENT" ? GrantKind.Entitlement : GrantKind.Other };

    private static SyncPlan Plan(IEnumerable<DesiredUser> desired, IEnumerable<CurrentGrant> grants, IEnumerable<CurrentValue>? values = null) =>
        SyncPlanner.Plan(new PlanInput([.. desired], desired.SelectMany(d => d.RoleIds).ToHashSet(), Names, values ?? [Analytics, AuditLogs], [.. grants]));

    [Fact]
    public void A_user_with_several_new_roles_gets_one_grant_call_carrying_all_of_them()
    {
        var plan = Plan([User("u1", "Rl0L", "Rl0C")], []);
        var grant = Assert.Single(plan.GrantsToAdd);
        Assert.Equal(["Rl0C", "Rl0L"], grant.RoleIds);
        Assert.Equal(2, plan.AssignmentsToAdd);
        Assert.Empty(plan.Revocations);
    }

    [Fact]
    public void Two_slack_accounts_of_one_okta_user_hold_the_union_of_their_roles_once()
    {
        var plan = Plan([User("u1", "Rl0L"), new DesiredUser("u1", "Uother", null, new HashSet<string> { "Rl0L", "Rl0C" })], [Grant("u1", "ENTITLEMENT", "entA")]);
        Assert.Equal(["Rl0C"], Assert.Single(plan.GrantsToAdd).RoleIds);
        Assert.Empty(plan.Revocations);
    }

    [Fact]
    public void A_value_already_held_through_another_grant_is_not_granted_again()
    {
        var plan = Plan([User("u1", "Rl0L")], [Grant("u1", "POLICY", "entA")]);
        Assert.Empty(plan.GrantsToAdd);
        Assert.True(plan.IsEmpty);
    }

    [Fact]
    public void Values_slack_no_longer_backs_are_revoked_only_from_entitlement_grants()
    {
        var plan = Plan([User("u1", "Rl0L")], [Grant("u1", "ENTITLEMENT", "entA", "entB"), Grant("u2", "POLICY", "entB"), Grant("u3", "ENTITLEMENT", "entB")]);
        Assert.Equal(["u1", "u3"], plan.Revocations.Select(r => r.OktaUserId));
        Assert.Equal("orn:okta:governance:00o1:entitlement-values:entB", plan.Revocations[0].Values.Single().ValueOrn);
        Assert.Equal("orn:okta:directory:00o1:users:u1", plan.Revocations[0].PrincipalOrn);
        Assert.Contains(plan.LeftAlone, l => l is { OktaUserId: "u2", RoleId: "Rl0C" });
    }

    [Fact]
    public void A_value_also_given_by_a_policy_grant_is_not_revoked()
    {
        var plan = Plan([], [Grant("u1", "ENTITLEMENT", "entB"), Grant("u1", "POLICY", "entB")]);
        Assert.Empty(plan.Revocations);
        Assert.Contains("also given by POLICY", Assert.Single(plan.LeftAlone).Reason);
    }

    [Fact]
    public void Unknown_roles_get_values_under_their_given_name_and_fallback_names_never_rename()
    {
        var names = new Dictionary<string, string>(Names) { ["Rl7Q"] = "Slack role Rl7Q (not in catalogue)" };
        var custom = new CurrentValue("entC", "Rl9Z", "Named by an admin", "orn:c");
        var plan = SyncPlanner.Plan(new PlanInput([User("u1", "Rl7Q", "Rl9Z")], new HashSet<string> { "Rl7Q", "Rl9Z" }, names, [Analytics, custom], []));
        Assert.Equal("Slack role Rl7Q (not in catalogue)", Assert.Single(plan.ValuesToCreate).Name);
        Assert.Empty(plan.ValuesToRename);
    }

    [Fact]
    public void A_catalogue_rename_is_planned_for_the_existing_value()
    {
        var renamed = new Dictionary<string, string>(Names) { ["Rl0C"] = "Audit Log Reader" };
        var plan = SyncPlanner.Plan(new PlanInput([], new HashSet<string>(), renamed, [Analytics, AuditLogs], []));
        var rename = Assert.Single(plan.ValuesToRename);
        Assert.Equal(("entB", "Audit Logs Admin", "Audit Log Reader"), (rename.ValueId, rename.OldName, rename.NewName));
    }

    [Fact]
    public void Six_values_to_revoke_from_one_user_stay_one_revocation_for_the_applier_to_split_by_five()
    {
        var values = Enumerable.Range(0, 6).Select(i => new CurrentValue($"ent{i}", $"Rl{i}", $"Role {i}", $"orn:{i}")).ToList();
        var plan = SyncPlanner.Plan(new PlanInput([], new HashSet<string>(), Names, values, [Grant("u1", "ENTITLEMENT", [.. values.Select(v => v.ValueId)])]));
        Assert.Equal(6, Assert.Single(plan.Revocations).Values.Count);
        Assert.Equal(6, plan.AssignmentsToRemove);
    }
}
