namespace SlackOigSync.Sandbox.Infrastructure;

/// <summary>
/// A one-shot fault in a successful answer of <paramref name="Endpoint"/> (a route name such as
/// "slack:admin.roles.listAssignments", "okta:GET /api/v1/users" or "oig:GET /governance/api/v1/grants"), for the next
/// <paramref name="Times"/> answers it can change.
/// </summary>
/// <param name="Count">DropItems: how many items to remove from the end of the list. Oversize: the least size of the body, in bytes.</param>
/// <param name="Field">OmitField: the field to remove.</param>
/// <param name="Times">How many answers the fault changes; <see cref="Forever"/> keeps it armed for good.</param>
/// <param name="Url">ForeignNextLink: where the next link points. Redirect: the Location.</param>
public sealed record AnswerFault(string Endpoint, AnswerFaultKind Kind, int Count = 1, string? Field = null, int Times = 1, string? Url = null)
{
    /// <summary>A Times that no test outlives: the fault stays armed until cleared.</summary>
    public const int Forever = int.MaxValue;
}
