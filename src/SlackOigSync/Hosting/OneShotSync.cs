using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using SlackOigSync.Alerts;
using SlackOigSync.Cli;
using SlackOigSync.Configuration;
using SlackOigSync.Storage;
using SlackOigSync.Sync;

namespace SlackOigSync.Hosting;

/// <summary>
/// 'run': one sync, its tables on stdout, its alert, then the host stops with the run's exit code (0 SUCCESS,
/// 1 FAILED, 3 PARTIAL, 4 BLOCKED). SIGTERM asks the run to stop between writes.
/// </summary>
public sealed class OneShotSync(
    SyncRunner runner,
    RunAlerter alerter,
    RoleCatalogue catalogue,
    OutputSettings output,
    RunRequest request,
    SyncDatabase database,
    CommandConsole console,
    CommandExit exit,
    IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            exit.Code = await RunAsync(stoppingToken);
        }
        catch (Exception e) when (e is SqliteException or StorageException)
        {
            // The database refused to open or record the run (read-only, locked, full): nothing was called.
            var failure = StorageException.Of(e, database.Path);
            exit.Code = await CommandFailure.ReportAsync(failure, failure.ExitCode, console);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            exit.Code = 1;
        }
        catch (Exception e)
        {
            exit.Code = await CommandFailure.ReportAsync(e, 1, console);
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    private async Task<int> RunAsync(CancellationToken stoppingToken)
    {
        var result = await runner.RunAsync(request.DryRun, stoppingToken);
        try
        {
            ResultPrinter.PrintRun(result, catalogue, console.Output, output.MaxRows);
        }
        catch (IOException e)
        {
            // stdout is gone (a closed pipe, a full disk): the run is recorded and its alert still goes out.
            await console.Errors.WriteLineAsync($"Could not write the run's tables to stdout ({e.Message.TrimEnd('.')}); 'show {result.ExecutionId}' lists them.");
        }

        // After the run has closed: an alert, sent or not, never changes its status or exit code.
        if (await alerter.AlertAsync(result, stoppingToken) is { } alert)
        {
            await WriteQuietlyAsync(alert.Error ?? "Alert posted to Slack.");
        }

        return result.ExitCode;
    }

    private async Task WriteQuietlyAsync(string line)
    {
        try
        {
            await console.Output.WriteLineAsync(line);
        }
        catch (IOException)
        {
            // stdout is gone; the alert is recorded in sync_alert.
        }
    }
}
