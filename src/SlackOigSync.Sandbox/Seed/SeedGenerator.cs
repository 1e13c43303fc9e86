using SlackOigSync.Sandbox.State;

namespace SlackOigSync.Sandbox.Seed;

/// <summary>How big a generated org is, and the random seed that makes it reproducible.</summary>
public sealed record GeneratedOrgSpec(int SlackUsers, int Assignments, int RandomSeed = 42, int Roles = 16)
{
    /// <summary>Share of role holders whose Okta app assignment carries their Slack id (the fast path).</summary>
    public double ProvisionedShare { get; init; } = 0.90;

    /// <summary>Share of role holders with no Okta account at all.</summary>
    public double NotInOktaShare { get; init; } = 0.03;
}

/// <summary>Builds large, realistic orgs deterministically: same spec, same org.</summary>
public static class SeedGenerator
{
    public static readonly string[] SystemRoleIds =
        ["Rl01", "Rl02", "Rl03", "Rl04", "Rl05", "Rl09", "Rl0A", "Rl0B", "Rl0C", "Rl0D", "Rl0E", "Rl0F", "Rl0G", "Rl0J", "Rl0K", "Rl0L"];

    public static SandboxSeed Generate(GeneratedOrgSpec spec)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(spec.SlackUsers, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(spec.Assignments);
        var random = new Random(spec.RandomSeed);
        var ids = new IdFactory(spec.RandomSeed);
        var roles = SystemRoleIds.Take(Math.Clamp(spec.Roles, 1, SystemRoleIds.Length)).ToArray();
        var appId = ids.Okta("0oa");
        const string enterprise = "E0GENERATED";
        string[] workspaces = ["T0WORKSPC01", "T0WORKSPC02", "T0WORKSPC03"];

        var slackUsers = new List<SeedSlackUser>(spec.SlackUsers);
        var oktaUsers = new List<SeedOktaUser>();
        var appUsers = new List<SeedAppUser>();
        for (var i = 0; i < spec.SlackUsers; i++)
        {
            var id = ids.Slack('U');
            var roll = random.NextDouble();
            var email = roll < 0.01 ? null : $"user{i:D6}@example.com";
            slackUsers.Add(new SeedSlackUser(id, $"user{i:D6}", email, Deleted: roll is >= 0.01 and < 0.02, IsBot: roll is >= 0.02 and < 0.03));
            if (email is null || roll < 0.03)
            {
                continue;
            }

            var placement = random.NextDouble();
            if (placement < spec.NotInOktaShare)
            {
                continue;
            }

            var oktaId = ids.Okta("00u");
            oktaUsers.Add(new SeedOktaUser(oktaId, email, "User", $"{i:D6}"));
            if (placement < spec.NotInOktaShare + spec.ProvisionedShare)
            {
                appUsers.Add(new SeedAppUser(oktaId, id));
            }
            else if (placement < 0.99)
            {
                appUsers.Add(new SeedAppUser(oktaId, null));
            }
        }

        // Role holders are a minority of the org, each holding 1–3 roles, some on several entities.
        var holderCount = Math.Min(spec.SlackUsers, Math.Max(1, (int)(spec.Assignments / 1.6)));
        var seen = new HashSet<(int, string, string)>();
        var assignments = new List<SeedAssignment>(spec.Assignments);
        var baseDate = 1_700_000_000L;
        while (assignments.Count < spec.Assignments)
        {
            var holder = random.Next(holderCount);
            var role = roles[random.Next(roles.Length)];
            var entityRoll = random.NextDouble();
            var entity = entityRoll < 0.8 ? enterprise
                : entityRoll < 0.95 ? workspaces[random.Next(workspaces.Length)]
                : $"C0CHAN{random.Next(1000):D4}";
            if (seen.Add((holder, role, entity)))
            {
                assignments.Add(new SeedAssignment(role, slackUsers[holder].Id, entity, baseDate + assignments.Count));
            }
        }

        return new SandboxSeed
        {
            SlackAppId = appId,
            EnterpriseId = enterprise,
            DefaultTeamId = workspaces[0],
            SlackUsers = slackUsers,
            RoleAssignments = assignments,
            OktaUsers = oktaUsers,
            AppUsers = appUsers,
        };
    }
}
