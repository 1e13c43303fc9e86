namespace SlackOigSync.Sandbox.Infrastructure;

/// <summary>
/// A one-shot fault in the body of a successful answer of <paramref name="Endpoint"/> (a route name such as
/// "slack:admin.roles.listAssignments"), for the next <paramref name="Times"/> answers it can change.
/// </summary>
/// <param name="Count">DropItems: how many items to remove from the end of the list.</param>
/// <param name="Field">OmitField: the field to remove.</param>
public sealed record AnswerFault(string Endpoint, AnswerFaultKind Kind, int Count = 1, string? Field = null, int Times = 1);
