namespace SlackOigSync.Reports;

/// <summary>No export or report can be made from this database yet; the message is one sentence that says why and what to do.</summary>
public sealed class ReportUnavailableException : Exception
{
    public ReportUnavailableException()
    {
    }

    public ReportUnavailableException(string message)
        : base(message)
    {
    }

    public ReportUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
