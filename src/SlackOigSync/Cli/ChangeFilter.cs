using SlackOigSync.Storage;

namespace SlackOigSync.Cli;

/// <summary>
/// 'show' filters: --action, --outcome, --user (a Slack user id, an email or an Okta user id). Values are read as the
/// audit trail spells them, case and '-' or '_' aside (add-grant, ADD_GRANT, AddGrant).
/// </summary>
public sealed record ChangeFilter(AuditAction? Action, AuditOutcome? Outcome, string? User)
{
    public static ChangeFilter None { get; } = new(null, null, null);

    public bool IsEmpty => Action is null && Outcome is null && string.IsNullOrWhiteSpace(User);

    /// <summary>The filter, or one sentence naming the option and the values it takes.</summary>
    public static (ChangeFilter? Filter, string? Problem) Parse(string? action, string? outcome, string? user)
    {
        AuditAction? parsedAction = null;
        AuditOutcome? parsedOutcome = null;
        if (action is not null)
        {
            if (Read<AuditAction>(action) is not { } a)
            {
                return (null, $"--action '{action}' is not an action; use one of {Names<AuditAction>()}.");
            }

            parsedAction = a;
        }

        if (outcome is not null)
        {
            if (Read<AuditOutcome>(outcome) is not { } o)
            {
                return (null, $"--outcome '{outcome}' is not an outcome; use one of {Names<AuditOutcome>()}.");
            }

            parsedOutcome = o;
        }

        return (new ChangeFilter(parsedAction, parsedOutcome, string.IsNullOrWhiteSpace(user) ? null : user.Trim()), null);
    }

    public bool Matches(AuditEntry entry) =>
        (Action is null || entry.Action == Action.Value)
        && (Outcome is null || entry.Outcome == Outcome.Value)
        && (User is null
            || string.Equals(entry.SlackUserId, User, StringComparison.Ordinal)
            || string.Equals(entry.OktaUserId, User, StringComparison.Ordinal)
            || string.Equals(entry.Email, User, StringComparison.OrdinalIgnoreCase));

    public string Describe() => string.Join(", ", new[]
    {
        Action is null ? null : $"--action {StorageText.Of(Action.Value)}",
        Outcome is null ? null : $"--outcome {StorageText.Of(Outcome.Value)}",
        User is null ? null : $"--user {User}",
    }.Where(p => p is not null));

    private static T? Read<T>(string text)
        where T : struct, Enum
    {
        var key = text.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
        return Enum.TryParse<T>(key, ignoreCase: true, out var value) && Enum.IsDefined(value) && !key.All(char.IsAsciiDigit) ? value : null;
    }

    private static string Names<T>()
        where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(v => StorageText.Of(v)));
}
