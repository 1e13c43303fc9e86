namespace SlackOigSync.Sync;

/// <summary>Earlier runs' changes of unknown outcome that this run settled against OIG: how many had landed, how many had not.</summary>
public sealed record AuditReconciliation(int Landed, int NotLanded)
{
    public static readonly AuditReconciliation None = new(0, 0);

    public int Total => Landed + NotLanded;
}
