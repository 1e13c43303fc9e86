using SlackOigSync.Tests.Support;
using Xunit.Abstractions;

namespace SlackOigSync.Tests.EndToEnd;

public sealed class FaultSoakTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Fifty_syncs_under_faults_and_churn_converge_and_never_revoke_what_slack_backs()
    {
        var runs = int.TryParse(Environment.GetEnvironmentVariable("SOAK_RUNS"), out var n) ? n : 50;
        var report = await FaultSoak.RunAsync(runs, seed: 2026);
        output.WriteLine(report.Table);
        File.WriteAllText(Environment.GetEnvironmentVariable("SOAK_REPORT") ?? Path.Combine(AppContext.BaseDirectory, "soak-report.txt"), report.Table);

        Assert.True(report.FaultShare >= 0.10, $"only {report.FaultShare:P1} of calls were faulted");
        Assert.Equal(0, report.UnsafeRevocations);
        Assert.Equal(0, report.ForeignGrantChanges);
        Assert.All(report.DifferencesAfterSuccess, d => Assert.Equal(0, d));
        Assert.True(report.DifferencesAfterSuccess.Count >= runs / 2, $"only {report.DifferencesAfterSuccess.Count} of {runs} runs succeeded");
        Assert.Equal(0, report.Duplicates);
        Assert.Equal("SUCCESS", report.FinalStatus);
        Assert.Equal(0, report.FinalDifference);
    }
}
