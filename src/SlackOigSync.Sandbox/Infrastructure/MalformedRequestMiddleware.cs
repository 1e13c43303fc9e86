namespace SlackOigSync.Sandbox.Infrastructure;

/// <summary>A body field of the wrong JSON type surfaces as InvalidOperationException deep in a handler; Okta answers 400, so do we.</summary>
public sealed class MalformedRequestMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or System.Text.Json.JsonException && !context.Response.HasStarted)
        {
            context.Response.Clear();
            await OktaErrors.Error(400, "E0000001", "Api validation failed", (e.Message, "INVALID_DATA_TYPE", null)).ExecuteAsync(context);
        }
    }
}
