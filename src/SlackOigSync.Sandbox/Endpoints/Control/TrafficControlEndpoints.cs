using SlackOigSync.Sandbox.Infrastructure;

namespace SlackOigSync.Sandbox.Endpoints.Control;

/// <summary>
/// Control endpoints for the traffic itself (no auth, like all of /_sandbox): request counters, random faults per
/// endpoint, one-shot faults in answer bodies, and rate budgets. Exempt from counters, budgets and faults.
/// </summary>
internal static class TrafficControlEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/_sandbox");
        control.MapGet("counters", (SandboxTraffic t) => Results.Ok(new { requests = t.Requests, faults = t.InjectedFaults, rateLimited = t.BudgetRejections })).WithName("control:counters");
        control.MapDelete("counters", (SandboxTraffic t) =>
        {
            t.ResetCounters();
            return Results.NoContent();
        }).WithName("control:reset-counters");
        control.MapPut("faults", (FaultSettings f, SandboxTraffic t) =>
        {
            t.Configure(f);
            return Results.NoContent();
        }).WithName("control:faults");
        control.MapDelete("faults", (SandboxTraffic t) =>
        {
            t.Configure(new FaultSettings());
            return Results.NoContent();
        }).WithName("control:faults-off");
        control.MapGet("faults/answers", (AnswerFaults f) => Results.Ok(f.Pending)).WithName("control:answer-faults");
        control.MapPost("faults/answers", (AnswerFault fault, AnswerFaults f) =>
        {
            if (f.Problem(fault) is { } problem)
            {
                return Results.BadRequest(new { error = problem });
            }

            f.Add(fault);
            return Results.NoContent();
        }).WithName("control:add-answer-fault");
        control.MapDelete("faults/answers", (AnswerFaults f) =>
        {
            f.Clear();
            return Results.NoContent();
        }).WithName("control:clear-answer-faults");
        control.MapPut("rate-limits", (RateLimitSettings r, SandboxTraffic t) =>
        {
            t.Configure(r);
            return Results.NoContent();
        }).WithName("control:rate-limits");
    }
}
