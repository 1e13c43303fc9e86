using System.Text.Json.Serialization;

namespace SlackOigSync.Sandbox.Infrastructure;

/// <summary>
/// How an answer fault spoils one successful answer. Numbered from 1 so a control request that forgets "kind" is
/// refused instead of silently becoming the first kind. The names are a contract: tests and the control API use them.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<AnswerFaultKind>))]
public enum AnswerFaultKind
{
    /// <summary>Removes the last Count items of the answer's list; the cursor stays, so the page is short but well-formed.</summary>
    DropItems = 1,

    /// <summary>Removes the way to the next page of an answer that has one: the listing ends a page early.</summary>
    EndEarly = 2,

    /// <summary>Removes Field from the top level of the answer and from every item of its list.</summary>
    OmitField = 3,

    /// <summary>
    /// The answer's next link points at Url, another origin: Okta's Link rel="next" header, OIG's _links.next.href (and
    /// its Link header). Added even to a last page. Not for Slack, whose cursors are not links.
    /// </summary>
    ForeignNextLink = 4,

    /// <summary>
    /// The answer's next page is one already served: this request's own URL (Okta, OIG) or cursor (Slack; on a first page,
    /// a cursor that serves the first page again). Added even to a last page, so a listing armed with Times=Forever never ends.
    /// </summary>
    RepeatNextLink = 5,

    /// <summary>Instead of the answer, HTTP 302 Found with Location: Url.</summary>
    Redirect = 6,

    /// <summary>
    /// The answer, still valid JSON, padded to at least Count bytes (a "padding" string field on objects, whitespace inside a
    /// top-level array) and written in chunks without a Content-Length.
    /// </summary>
    Oversize = 7,

    /// <summary>The answer's list becomes JSON null: "data": null (OIG), "role_assignments"/"users": null (Slack), a null body (Okta).</summary>
    NullList = 8,

    /// <summary>Instead of the answer, HTTP 502 with an HTML gateway error page that echoes every request header, Authorization included.</summary>
    EchoHeaders = 9,
}
