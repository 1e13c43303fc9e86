using System.Text.Json.Nodes;
using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sandbox.State;

namespace SlackOigSync.Sandbox.Endpoints.Control;

/// <summary>What the control endpoints share: running under the state's lock, and their answers ({"error": …} refusals, JSON bodies).</summary>
internal static class ControlResults
{
    public static IResult Locked(SandboxState state, Func<IResult> action)
    {
        lock (state.Gate)
        {
            return action();
        }
    }

    /// <summary>400 {"error": "…"}: the request changed nothing.</summary>
    public static IResult Refuse(string? error) => Results.BadRequest(new { error });

    public static IResult Json(JsonObject body) => Results.Content(body.ToJsonString(SandboxJson.Options), "application/json");
}
