using SlackOigSync.Configuration;
using SlackOigSync.Reports;
using SlackOigSync.Storage;

namespace SlackOigSync.Cli;

/// <summary>
/// 'export --format csv|json [--output FILE]' writes who holds which Slack system role according to the last successful
/// run (stdout by default); 'report --html FILE' writes the auditors' page. Both read the database only. A file they
/// write is readable by its owner only, like the database: it names every admin.
/// </summary>
public static class AuditorCommands
{
    public static int Export(SyncDatabase database, RoleCatalogue? catalogue, ExportFormat format, string? outputPath, TextWriter output, TextWriter errors)
    {
        HolderSnapshot snapshot;
        try
        {
            snapshot = new HolderQuery(database, catalogue).Read();
        }
        catch (ReportUnavailableException e)
        {
            errors.WriteLine(e.Message);
            return CommandLineApp.UsageError;
        }

        if (outputPath is null)
        {
            HolderExporter.Write(snapshot.Holders, format, output);
            return 0;
        }

        var written = WriteFile(outputPath, writer => HolderExporter.Write(snapshot.Holders, format, writer), errors);
        if (written)
        {
            output.WriteLine($"Wrote {snapshot.Holders.Count} role holder(s) to {outputPath}, according to run {snapshot.Basis.ExecutionId} ({StorageText.Of(snapshot.Basis.Status)}, ended {ReportText.Time(snapshot.Basis.EndTime) ?? "-"}).");
        }

        return written ? 0 : CommandLineApp.UsageError;
    }

    public static int Report(SyncDatabase database, RoleCatalogue? catalogue, string htmlPath, DateTimeOffset now, TextWriter output, TextWriter errors)
    {
        ReportData data;
        try
        {
            data = new ReportQuery(database, catalogue).Read(now);
        }
        catch (ReportUnavailableException e)
        {
            errors.WriteLine(e.Message);
            return CommandLineApp.UsageError;
        }

        var html = HtmlReportWriter.Render(data);
        if (!WriteFile(htmlPath, writer => writer.Write(html), errors))
        {
            return CommandLineApp.UsageError;
        }

        output.WriteLine($"Wrote the report to {htmlPath}: {data.Snapshot.Holders.Count} role holder(s) according to run {data.Snapshot.Basis.ExecutionId}, and {data.Runs.Count} run(s) charted.");
        return 0;
    }

    /// <summary>Writes the whole file or says in one sentence why it could not (a missing directory, no permission, a directory at that path).</summary>
    private static bool WriteFile(string path, Action<TextWriter> write, TextWriter errors)
    {
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var writer = new StreamWriter(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options);
            write(writer);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            errors.WriteLine($"Cannot write {path} ({e.Message.TrimEnd('.')}); choose a file in an existing directory this user can write.");
            return false;
        }
    }
}
