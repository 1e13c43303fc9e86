using System.Text.Json.Nodes;

namespace SlackOigSync.Sandbox.Infrastructure;

/// <summary>The API family of an answer, which decides where its list and its way to the next page live.</summary>
public enum AnswerFamily
{
    /// <summary>{"ok": true, list?, response_metadata.next_cursor}.</summary>
    Slack = 1,

    /// <summary>A top-level array, paged by the Link header.</summary>
    Okta = 2,

    /// <summary>{data, _links{self, next?}, metadata?}, paged by _links.next and the Link header.</summary>
    Oig = 3,
}

/// <summary>
/// Where an API keeps the parts of a successful answer that answer faults touch, so one fault mechanism serves every family.
/// </summary>
/// <param name="ListField">The field holding the list (Slack's named list, OIG's "data"); null for Okta's top-level array or an answer without a list.</param>
/// <param name="RepeatCursor">Slack: a cursor that serves this page again (the request's own, or one for the first page).</param>
public sealed record AnswerShape(AnswerFamily Family, string? ListField = null, string? RepeatCursor = null)
{
    public static readonly AnswerShape Okta = new(AnswerFamily.Okta);

    public static readonly AnswerShape Oig = new(AnswerFamily.Oig, "data");

    public static AnswerShape Slack(string? listField, string? repeatCursor = null) => new(AnswerFamily.Slack, listField, repeatCursor);

    public bool HasList => Family == AnswerFamily.Okta || ListField is not null;

    /// <summary>The answer's list of items, or null when the answer has none.</summary>
    public JsonArray? Items(JsonNode? answer) =>
        Family == AnswerFamily.Okta ? answer as JsonArray : ListField is null ? null : answer?[ListField] as JsonArray;
}
