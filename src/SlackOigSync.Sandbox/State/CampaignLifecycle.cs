using System.Text.Json.Nodes;

namespace SlackOigSync.Sandbox.State;

/// <summary>
/// What creating, launching, deciding on and ending a campaign does to the state, shared by the OIG endpoints and the
/// control API. Every method expects the state's lock held.
/// </summary>
public static class CampaignLifecycle
{
    /// <summary>
    /// Stores a campaign read from a create request (SCHEDULED). Okta allows several campaigns of one name (its list
    /// examples show two "Sales Review"); so does the sandbox.
    /// </summary>
    public static void Add(SandboxState state, OigCampaign campaign)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(campaign);
        state.Campaigns.Add(OigCampaign.Key(campaign.Sequence), campaign);
    }

    /// <summary>
    /// A RECURRING campaign's next occurrence: a new ONE_OFF instance carrying recurringCampaignId and the recurring
    /// campaign's settings, starting now, stored (still SCHEDULED: <see cref="Launch"/> it).
    /// </summary>
    public static OigCampaign NewOccurrence(SandboxState state, OigCampaign recurring)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(recurring);
        var now = state.Clock.GetUtcNow();
        var instance = new OigCampaign
        {
            Id = state.Ids.Okta("ici"),
            Sequence = state.NextCampaignSequence(),
            Name = recurring.Name,
            Description = recurring.Description,
            CampaignType = recurring.CampaignType,
            ScheduleType = "ONE_OFF",
            StartDate = now,
            DurationInDays = recurring.DurationInDays,
            TimeZone = recurring.TimeZone,
            RecurringCampaignId = recurring.Id,
            ResourceSettings = (JsonObject)recurring.ResourceSettings.DeepClone(),
            PrincipalScopeSettings = (JsonObject)recurring.PrincipalScopeSettings.DeepClone(),
            ReviewerSettings = (JsonObject)recurring.ReviewerSettings.DeepClone(),
            RemediationSettings = (JsonObject)recurring.RemediationSettings.DeepClone(),
            NotificationSettings = recurring.NotificationSettings?.DeepClone() as JsonObject,
            ReviewerType = recurring.ReviewerType,
            ReviewerId = recurring.ReviewerId,
            FallBackReviewerId = recurring.FallBackReviewerId,
            SelfReviewDisabled = recurring.SelfReviewDisabled,
            Targets = recurring.Targets,
            ExcludedUserIds = recurring.ExcludedUserIds,
            UserIds = recurring.UserIds,
            IncludeOnlyActiveUsers = recurring.IncludeOnlyActiveUsers,
            AccessRevoked = recurring.AccessRevoked,
            NoResponse = recurring.NoResponse,
            Created = now,
            LastUpdated = now,
        };
        state.Campaigns.Add(OigCampaign.Key(instance.Sequence), instance);
        return instance;
    }

    /// <summary>
    /// Makes the campaign ACTIVE and creates its reviews: one per (principal, entitlement value) held today through an
    /// ACTIVE grant of any type on a targeted app, within the principal scope. Okta passes through LAUNCHING while it
    /// builds the reviews; the sandbox builds them at once, so callers never see LAUNCHING.
    /// </summary>
    public static void Launch(SandboxState state, OigCampaign campaign)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(campaign);
        var now = state.Clock.GetUtcNow();
        campaign.Status = "ACTIVE";
        campaign.LastUpdated = now;
        var seen = new HashSet<(string User, string Value)>();
        foreach (var target in campaign.Targets)
        {
            if (!state.GovernanceEnabledApps.Contains(target.AppId))
            {
                continue;
            }

            var values = TargetedValues(state, target);
            foreach (var grant in state.Grants.All.Where(g => g.Status == "ACTIVE" && g.AppId == target.AppId))
            {
                if (!InScope(state, campaign, grant.PrincipalUserId))
                {
                    continue;
                }

                foreach (var (entitlementId, valueIds) in grant.Entitlements)
                {
                    foreach (var valueId in valueIds.Where(v => values.ContainsKey(v)))
                    {
                        if (!seen.Add((grant.PrincipalUserId, valueId)))
                        {
                            continue;
                        }

                        campaign.Reviews.Add(new CampaignReview
                        {
                            Id = state.Ids.Okta("icr"),
                            CampaignId = campaign.Id,
                            PrincipalUserId = grant.PrincipalUserId,
                            AppId = target.AppId,
                            EntitlementId = entitlementId,
                            ValueId = valueId,
                            ValueExternalValue = values[valueId],
                            ReviewerId = ReviewerFor(campaign, grant.PrincipalUserId),
                        });
                    }
                }
            }
        }
    }

    /// <summary>Records a checked batch of reviewers' decisions (APPROVE or REVOKE), all at the same moment.</summary>
    public static void Decide(SandboxState state, OigCampaign campaign, IEnumerable<(CampaignReview Review, string Decision)> decisions)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(decisions);
        var now = state.Clock.GetUtcNow();
        foreach (var (review, decision) in decisions)
        {
            review.Decision = decision;
            review.Decided = now;
        }

        campaign.LastUpdated = now;
    }

    /// <summary>
    /// Closes the campaign (COMPLETED) and remediates: a REVOKE decision when accessRevoked is DENY, and an UNREVIEWED
    /// review when noResponse is DENY (unless <paramref name="skipRemediation"/>), revoke the value as revoke-principal-access
    /// does. APPROVE never changes anything (accessApproved can only be NO_ACTION).
    /// </summary>
    public static void End(SandboxState state, OigCampaign campaign, bool skipRemediation)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(campaign);
        campaign.Status = "COMPLETED";
        campaign.LastUpdated = state.Clock.GetUtcNow();
        var doomed = campaign.Reviews.Where(r => ShouldRevoke(campaign, r, skipRemediation)).ToList();
        foreach (var review in campaign.Reviews.Except(doomed))
        {
            review.RemediationStatus = "NONE";
        }

        foreach (var byUser in doomed.GroupBy(r => r.PrincipalUserId, StringComparer.Ordinal))
        {
            var (_, taken) = OigRevocation.Revoke(state, byUser.Key, [.. byUser.Select(r => r.ValueId)]);
            foreach (var review in byUser)
            {
                // A value still held afterwards comes from a grant remediation does not touch (POLICY, a bundle): Okta
                // flags such reviews "manual intervention required".
                var stillHeld = state.Grants.All.Any(g => g.Status == "ACTIVE" && g.PrincipalUserId == review.PrincipalUserId
                    && g.Entitlements.Values.Any(v => v.Contains(review.ValueId)));
                review.RemediationStatus = stillHeld ? "MANUAL" : taken.Contains(review.ValueId) ? "SUCCESS" : "NONE";
            }
        }
    }

    private static bool ShouldRevoke(OigCampaign campaign, CampaignReview review, bool skipRemediation) => review.Decision switch
    {
        "REVOKE" => campaign.AccessRevoked == "DENY",
        "UNREVIEWED" => campaign.NoResponse == "DENY" && !skipRemediation,
        _ => false,
    };

    /// <summary>Value id → externalValue of every value the target puts under review, as the app's entitlements hold them now.</summary>
    private static Dictionary<string, string> TargetedValues(SandboxState state, CampaignTarget target)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entitlement in state.Entitlements.All.Where(e => e.AppId == target.AppId))
        {
            if (!target.AllEntitlements && !target.Entitlements.ContainsKey(entitlement.Id))
            {
                continue;
            }

            var chosen = target.AllEntitlements ? null : target.Entitlements[entitlement.Id];
            foreach (var value in entitlement.Values.Where(v => chosen is null || chosen.Contains(v.Id)))
            {
                values[value.Id] = value.ExternalValue;
            }
        }

        return values;
    }

    private static bool InScope(SandboxState state, OigCampaign campaign, string userId)
    {
        if (campaign.ExcludedUserIds.Contains(userId) || (campaign.UserIds.Count > 0 && !campaign.UserIds.Contains(userId)))
        {
            return false;
        }

        return !campaign.IncludeOnlyActiveUsers || state.OktaUsers.Find(userId)?.Status == "ACTIVE";
    }

    /// <summary>The campaign's reviewer, unless that is the principal and self-review is off: then the fallback reviewer, if another.</summary>
    private static string ReviewerFor(OigCampaign campaign, string principal) =>
        campaign.SelfReviewDisabled && campaign.ReviewerId == principal && campaign.FallBackReviewerId is { } fallback && fallback != principal
            ? fallback
            : campaign.ReviewerId;
}
