using SlackOigSync.Storage;
using SlackOigSync.Sync;

namespace SlackOigSync.Tests.Sync;

/// <summary>The planner's side of "absence of evidence is not evidence of removal": kept grants and the guard's count of moved links.</summary>
public sealed class UnresolvedHolderPlanningTests
{
    private static readonly CurrentValue Analytics = new("entA", "Rl0L", "Analytics Admin", "orn:okta:governance:00o1:entitlement-values:entA");
    private static readonly CurrentValue AuditLogs = new("entB", "Rl0C", "Audit Logs Admin", "orn:okta:governance:00o1:entitlement-values:entB");
    private static readonly Dictionary<string, string> Names = new() { ["Rl0L"] = "Analytics Admin", ["Rl0C"] = "Audit Logs Admin" };

    private static CurrentGrant Grant(string user, params string[] values) => new("0gg" + user, "ENTITLEMENT", user, $"orn:okta:directory:00o1:users:{user}", values);

    private static PlanInput Input(IReadOnlyCollection<DesiredUser> desired, params CurrentGrant[] grants) =>
        new(desired, new HashSet<string> { "Rl0L", "Rl0C" }, Names, [Analytics, AuditLogs], grants);

    [Fact]
    public void A_grant_of_an_unresolved_but_remembered_holder_is_kept_with_its_reason_and_not_revoked()
    {
        var plan = SyncPlanner.Plan(Input([], Grant("u1", "entA", "entB")) with
        {
            Protected = [new ProtectedGrant("u1", "Rl0L", "U1", "a@b.c", "identity unresolved (no Okta user has the email a@b.c)")],
            KnownOktaUsers = new HashSet<string> { "u1" },
        });

        var kept = Assert.Single(plan.Kept);
        Assert.Equal(("u1", "Rl0L", "U1"), (kept.OktaUserId, kept.RoleId, kept.SlackUserId));
        Assert.Contains("no Okta user has the email", kept.Reason);
        Assert.Equal(["Rl0C"], Assert.Single(plan.Revocations).Values.Select(v => v.RoleId));
        Assert.Equal(1, plan.GuardedRevocations);
    }

    [Fact]
    public void An_okta_user_of_unknown_identity_keeps_a_role_an_unremembered_unresolved_holder_has_but_a_known_one_does_not()
    {
        var plan = SyncPlanner.Plan(Input([], Grant("stranger", "entA"), Grant("known", "entA")) with
        {
            UnattributedRoles = new Dictionary<string, string> { ["Rl0L"] = "identity unresolved: Slack user U9 holds this role and is not remembered" },
            KnownOktaUsers = new HashSet<string> { "known" },
        });

        Assert.Equal("stranger", Assert.Single(plan.Kept).OktaUserId);
        Assert.Equal("known", Assert.Single(plan.Revocations).OktaUserId);
    }

    [Theory]
    [InlineData(0, 1)] // the old user's grant is revoked anyway: one pair, counted once
    [InlineData(1, 2)] // a second role moves too, which the old user never held through the sync: it still counts
    public void A_moved_link_counts_role_by_role_as_a_revocation_for_the_guard(int extraRoles, int guarded)
    {
        var roles = new HashSet<string> { "Rl0L" };
        if (extraRoles > 0)
        {
            roles.Add("Rl0C");
        }

        var desired = new DesiredUser("new", "U1", "a@b.c", roles);
        var plan = SyncPlanner.Plan(Input([desired], Grant("old", "entA")) with
        {
            KnownOktaUsers = new HashSet<string> { "old", "new" },
            MovedLinks = [new MovedLink("U1", "a@b.c", "old", "new", LinkSource.Email, roles)],
            Guard = new RevocationGuard(0.20, 1, Allow: false),
        });

        Assert.Equal(guarded, plan.GuardedRevocations);
        Assert.Equal(guarded > 1, plan.RevocationsBlocked is not null);
    }
}
