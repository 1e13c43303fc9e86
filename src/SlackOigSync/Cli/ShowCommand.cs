using System.Text.Json;
using SlackOigSync.Configuration;
using SlackOigSync.Storage;

namespace SlackOigSync.Cli;

/// <summary>
/// 'show &lt;execution-id&gt;': one execution's changes from the audit trail, with role names (as last synced to OIG,
/// else from the role catalogue), filtered by --action, --outcome and --user; a table, json or csv.
/// </summary>
public static class ShowCommand
{
    /// <summary>Prints the execution's changes; returns the exit code (2 when the id names no execution, or several).</summary>
    public static int Print(SyncDatabase database, string id, ChangeFilter filter, OutputFormat format, RoleCatalogue? catalogue, TextWriter output, TextWriter errors)
    {
        var executions = new ExecutionLogRepository(database);
        var matches = executions.Matching(id, 5);
        if (matches.Count != 1)
        {
            errors.WriteLine(matches.Count == 0
                ? $"No execution '{id}' in {database.Path}. 'history' lists the ids."
                : $"'{id}' matches several executions ({string.Join(", ", matches)}); give more of the id.");
            return CommandLineApp.UsageError;
        }

        var run = executions.Find(matches[0])!;
        var mapping = new RoleMappingRepository(database).All();
        var changes = new AuditRepository(database).ForExecution(run.ExecutionId).Where(filter.Matches).Select(c => ToRow(c, mapping, catalogue)).ToList();
        FormattedRows.Write(format, changes, CliJsonContext.Default.ListChangeRow, Columns, output, () => PrintTable(run, changes, filter, new FindingRepository(database).ForExecution(run.ExecutionId), output));

        return 0;
    }

    private static readonly IReadOnlyList<string> Columns = CsvText.Columns(JsonSerializer.Serialize(
        new ChangeRow { ExecutionId = string.Empty, RecordedAt = string.Empty, Action = string.Empty, Outcome = string.Empty },
        CliJsonContext.Default.ChangeRow));

    private static ChangeRow ToRow(AuditEntry c, IReadOnlyDictionary<string, (string Name, string ValueId)> mapping, RoleCatalogue? catalogue)
    {
        var mapped = c.SlackRoleId is not null && mapping.TryGetValue(c.SlackRoleId, out var m) ? m : ((string Name, string ValueId)?)null;
        return new ChangeRow
        {
            ExecutionId = c.ExecutionId,
            RecordedAt = DisplayText.IsoSeconds(c.RecordedAt),
            Action = StorageText.Of(c.Action),
            SlackRoleId = c.SlackRoleId,
            RoleName = c.SlackRoleId is null ? null : mapped?.Name ?? catalogue?.NameFor(c.SlackRoleId),

            // A CREATE_VALUE row is written before the value exists, so it has no value id of its own: the value
            // that now stands for the role (if it was created) is the one it made.
            OktaEntitlementValueId = c.OktaEntitlementValueId ?? (c.Action == AuditAction.CreateValue ? mapped?.ValueId : null),
            OktaUserId = c.OktaUserId,
            SlackUserId = c.SlackUserId,
            Email = c.Email,
            Outcome = StorageText.Of(c.Outcome),
            Error = c.Error,
        };
    }

    private static void PrintTable(ExecutionRecord run, List<ChangeRow> changes, ChangeFilter filter, IReadOnlyList<Finding> findings, TextWriter output)
    {
        output.WriteLine($"{run.ExecutionId}: {StorageText.Of(run.Status)}{(run.DryRun ? " (dry run)" : string.Empty)}, started {DisplayText.Time(run.StartTime)}, ended {DisplayText.Time(run.EndTime)} UTC, took {DisplayText.Duration(run.DurationSeconds)}");
        if (run.ErrorMessage is not null)
        {
            output.WriteLine($"Error: {run.ErrorMessage}");
        }

        output.WriteLine($"API: {DisplayText.Plural(run.ApiRequests, "request", "requests")}, {DisplayText.Plural(run.ApiRetries, "retry", "retries")}, {run.ApiWaitMs} ms waiting on rate limits, {run.ApiBackoffMs} ms backing off after errors");
        output.WriteLine($"Not in Okta: {run.UsersNotInOkta}");
        if (changes.Count == 0)
        {
            output.WriteLine(filter.IsEmpty
                ? (run.DryRun ? "This dry run planned no change: OIG already matched Slack." : "This run changed nothing in OIG: it already matched Slack.")
                : $"No change of this run matches {filter.Describe()}.");
        }
        else
        {
            output.WriteLine(filter.IsEmpty ? $"Changes ({changes.Count}):" : $"Changes matching {filter.Describe()} ({changes.Count}):");
            output.Write(TextTable.Render(
                ["TIME (UTC)", "ACTION", "ROLE", "OKTA USER", "SLACK USER", "EMAIL", "VALUE", "OUTCOME", "DETAIL"],
                changes.Select(c => new[]
                {
                    DisplayText.Time(c.RecordedAt), c.Action, c.SlackRoleId is null ? null : $"{c.SlackRoleId} {c.RoleName}", c.OktaUserId, c.SlackUserId, c.Email,
                    c.OktaEntitlementValueId ?? (c.Action == StorageText.Of(AuditAction.CreateValue) ? "(not created)" : null), c.Outcome, c.Error,
                })));
        }

        if (findings.Count > 0)
        {
            output.WriteLine($"Findings ({findings.Count}): kept {run.GrantsKeptUnresolved}, conflicts {run.IdentityConflicts}, revocations held {run.RevocationsHeld}, links moved {run.LinksMoved}, "
                             + $"held by grants not active {findings.Count(f => f.Kind == FindingKind.HeldByInactiveGrant)}, revoked in OIG {run.OigRevocations}");
            output.Write(TextTable.Render(
                ["FINDING", "ROLE", "OKTA USER", "SLACK USER", "EMAIL", "DETAIL"],
                findings.Select(f => new[] { StorageText.Of(f.Kind), f.SlackRoleId, f.OktaUserId, f.SlackUserId, f.Email, f.Detail })));
        }
    }
}
