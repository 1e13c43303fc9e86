namespace SlackOigSync.Sync;

/// <summary>
/// The mass-revocation guard's limits. Like Okta's import safeguard (20% of an app's users) and Azure AD
/// Connect's export threshold (500 deletions), it stops a run that would remove access on a scale that is far
/// more likely a broken input than a real change.
/// </summary>
public sealed record RevocationGuard(double MaxShare, int MaxCount, bool Allow)
{
    /// <summary>The share rule starts at this many revocations, so a small org's single change is not blocked.</summary>
    public const int ShareRuleFloor = 3;

    public static readonly RevocationGuard Default = new(0.20, 50, Allow: false);

    /// <summary>Why the planned revocations must not be applied, or null when they may.</summary>
    public string? Check(int revocations, int managed, bool slackEmpty)
    {
        if (Allow || revocations == 0)
        {
            return null;
        }

        if (slackEmpty)
        {
            return $"Slack returned no role assignments at all while OIG holds {managed} managed role grant(s); an empty answer is far more likely a broken token or API than an org with no admins";
        }

        if (revocations > MaxCount)
        {
            return $"this run would revoke {revocations} role grant(s), more than Sync:MaxRevocations ({MaxCount})";
        }

        return revocations >= ShareRuleFloor && revocations > MaxShare * managed
            ? $"this run would revoke {revocations} of {managed} managed role grant(s) ({100.0 * revocations / managed:F0}%), more than Sync:MaxRevocationShare ({(MaxShare * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}%)"
            : null;
    }
}
