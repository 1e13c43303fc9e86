namespace SlackOigSync.Hosting;

/// <summary>Where a command writes: stdout for its tables, stderr for logs and messages; --verbose adds stack traces to failures.</summary>
public sealed record CommandConsole(TextWriter Output, TextWriter Errors, bool Verbose);
