using SlackOigSync.Sandbox.Infrastructure;
using SlackOigSync.Sandbox.Seed;

namespace SlackOigSync.Sandbox;

/// <summary>How to start a sandbox: its data, its port (0 = any free port) and the credentials it accepts.</summary>
public sealed record SandboxOptions
{
    public required SandboxSeed Seed { get; init; }
    public int Port { get; init; }
    public int RandomSeed { get; init; } = 7;
    public SandboxTokens Tokens { get; init; } = new();
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Write one console line per request (standalone mode).</summary>
    public bool LogRequests { get; init; }
}
