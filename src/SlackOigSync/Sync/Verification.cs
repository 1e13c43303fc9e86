namespace SlackOigSync.Sync;

/// <summary>What the re-read after applying found: the user × role differences that did not take, and OIG's grants as last read.</summary>
public sealed record Verification(int Unconverged, IReadOnlyList<CurrentGrant> FinalGrants);
