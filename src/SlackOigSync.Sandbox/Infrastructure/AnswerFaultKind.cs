using System.Text.Json.Serialization;

namespace SlackOigSync.Sandbox.Infrastructure;

/// <summary>
/// How an answer fault spoils one successful answer. Numbered from 1 so a control request that forgets "kind" is
/// refused instead of silently becoming the first kind.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<AnswerFaultKind>))]
public enum AnswerFaultKind
{
    /// <summary>Removes the last Count items of the answer's list; the cursor stays, so the page is short but well-formed.</summary>
    DropItems = 1,

    /// <summary>Empties the next-page cursor of an answer that has one: the listing ends a page early.</summary>
    EndEarly = 2,

    /// <summary>Removes Field from the top level of the answer and from every item of its list.</summary>
    OmitField = 3,
}
