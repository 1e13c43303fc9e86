using System.Globalization;

namespace SlackOigSync.Sandbox.Infrastructure;

/// <summary>
/// Runs before every Slack, Okta and OIG handler: counts the request, applies latency, the endpoint's rate
/// budget (Okta's X-Rate-Limit-* headers on every answer; Slack's 429 + Retry-After) and injected faults.
/// Endpoint names carry their family as a prefix: "slack:", "okta:", "oig:"; "control:" endpoints are exempt.
/// </summary>
public sealed class TrafficMiddleware(RequestDelegate next, SandboxTraffic traffic, TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var name = context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        if (name is null || name.StartsWith("control:", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        traffic.Count(name);
        traffic.Enter();
        try
        {
            await AnswerAsync(context, name);
        }
        finally
        {
            traffic.Leave();
        }
    }

    private async Task AnswerAsync(HttpContext context, string name)
    {
        var isSlack = name.StartsWith("slack:", StringComparison.Ordinal);
        if (traffic.Faults.LatencyMilliseconds > 0)
        {
            await Task.Delay(traffic.Faults.LatencyMilliseconds, context.RequestAborted);
        }

        var budget = traffic.Spend(name);
        if (!isSlack)
        {
            var headers = context.Response.Headers;
            headers["X-Rate-Limit-Limit"] = budget.Limit.ToString(CultureInfo.InvariantCulture);
            headers["X-Rate-Limit-Remaining"] = budget.Remaining.ToString(CultureInfo.InvariantCulture);
            headers["X-Rate-Limit-Reset"] = budget.ResetEpochSeconds.ToString(CultureInfo.InvariantCulture);
        }

        if (!budget.Allowed)
        {
            traffic.CountRejection(name);
            var wait = (int)Math.Max(1, budget.ResetEpochSeconds - clock.GetUtcNow().ToUnixTimeSeconds());
            await (isSlack ? SlackErrors.RateLimited(wait) : OktaErrors.RateLimited()).ExecuteAsync(context);
            return;
        }

        var (fault, slowMs) = traffic.Roll(name);
        if (fault is not null)
        {
            traffic.CountFault(fault);
        }

        switch (fault)
        {
            case "drop":
                context.Abort();
                return;
            case "429":
                if (!isSlack)
                {
                    context.Response.Headers["X-Rate-Limit-Remaining"] = "0";
                    context.Response.Headers["X-Rate-Limit-Reset"] =
                        (clock.GetUtcNow().ToUnixTimeSeconds() + 1).ToString(CultureInfo.InvariantCulture);
                }

                await (isSlack ? SlackErrors.RateLimited(1) : OktaErrors.RateLimited()).ExecuteAsync(context);
                return;
            case "500":
                await (isSlack
                    ? Results.Text("Internal Server Error", statusCode: 500)
                    : OktaErrors.Error(500, "E0000009", "Internal Server Error")).ExecuteAsync(context);
                return;
            case "503":
                await Results.Text("Service Unavailable", statusCode: 503).ExecuteAsync(context);
                return;
            case "slow":
                await Task.Delay(slowMs, context.RequestAborted);
                break;
            case "drop-after-write":
                var original = context.Response.Body;
                context.Response.Body = Stream.Null;
                await next(context);
                context.Response.Body = original;
                context.Abort();
                return;
        }

        await next(context);
    }
}
