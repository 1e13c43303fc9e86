namespace SlackOigSync.Sandbox.OAuth;

/// <summary>A DPoP proof that passed every check but the nonce: its key thumbprint (jkt) and the nonce it carries.</summary>
internal sealed record DpopProof(string Jkt, string? Nonce);
