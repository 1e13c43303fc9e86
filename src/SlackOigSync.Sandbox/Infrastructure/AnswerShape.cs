using System.Text.Json.Nodes;

namespace SlackOigSync.Sandbox.Infrastructure;

/// <summary>
/// Where an API keeps the parts of a successful answer that answer faults touch, so one fault mechanism serves
/// every family: Slack has a named list and response_metadata.next_cursor; OIG would have data and _links.next,
/// Okta a top-level array and its Link header (a shape built per request can close over the response).
/// </summary>
/// <param name="Items">The answer's list of items, or null when the answer has none.</param>
/// <param name="TryEndListing">Removes the way to the next page; false when the answer has no next page.</param>
public sealed record AnswerShape(Func<JsonNode, JsonArray?> Items, Func<JsonNode, bool> TryEndListing);
