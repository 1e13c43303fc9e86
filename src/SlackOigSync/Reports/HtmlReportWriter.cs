using System.Globalization;
using System.Net;
using System.Text;
using SlackOigSync.Storage;
using SlackOigSync.Sync;

namespace SlackOigSync.Reports;

/// <summary>
/// The auditors' page: one self-contained HTML file (inline CSS, inline SVG, no script, no external URL) with the
/// current holders by role, the basis run's unresolved holders and identity conflicts, and charts of the recent runs.
/// Every value from the database is HTML-encoded: names and emails come from Slack and Okta.
/// </summary>
public static class HtmlReportWriter
{
    private const string Style = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;margin:24px auto;max-width:1000px;padding:0 16px}
        h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
        h3{font-size:16px;margin:20px 0 6px}h3 .meta{font-weight:normal;color:#666;font-size:13px}
        .basis{color:#444;margin:0 0 16px}.summary{display:flex;gap:12px;flex-wrap:wrap}
        .summary div{background:#f4f5f7;border-radius:6px;padding:8px 14px}.summary b{display:block;font-size:20px}
        table{border-collapse:collapse;width:100%;table-layout:fixed;overflow-wrap:anywhere;margin:4px 0 8px}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eee;vertical-align:top}
        th{background:#fafafa;font-weight:600}td.mono,span.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px}
        .none{color:#2e7d32}.warn{color:#b26a00}p.note{color:#555;font-size:13px;margin:2px 0 6px}
        svg.chart{display:block;margin:6px 0 18px;background:#fcfcfd;border:1px solid #eee}
        svg.chart text{font-size:11px;fill:#555}svg.chart .grid{stroke:#e5e5e5}svg.chart .axis{stroke:#888}
        .ok{fill:#3b7dd8}.partial{fill:#e0a100}.blocked{fill:#8e44ad}.failed,.novalue{fill:#d32f2f}.running{fill:#9e9e9e}
        .added{fill:#2e9d4f}.removed{fill:#ef6c00}
        .legend span{display:inline-block;margin-right:14px;font-size:12.5px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px}
        """;

    public static string Render(ReportData data)
    {
        var html = new StringBuilder();
        var basis = data.Snapshot.Basis;
        var holders = data.Snapshot.Holders;
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<title>Slack system roles in OIG: who holds what</title>");
        html.Append("<style>").Append(Style).Append("</style></head><body>");
        html.Append("<h1>Slack system roles in OIG: who holds what</h1>");
        html.Append(CultureInfo.InvariantCulture,
            $"<p class=\"basis\">According to run <span class=\"mono\">{E(basis.ExecutionId)}</span>, the last real run that ended SUCCESS or PARTIAL: it ended {E(StorageText.Of(basis.Status))} at {E(T(basis.EndTime ?? basis.StartTime))}. Written {E(T(data.GeneratedAt))}.</p>");

        html.Append("<div class=\"summary\">");
        Figure(html, holders.Count, "grants held");
        Figure(html, holders.Select(h => h.OktaUserId).Distinct(StringComparer.Ordinal).Count(), "Okta users");
        Figure(html, holders.Select(h => h.RoleId).Distinct(StringComparer.Ordinal).Count(), "roles held");
        Figure(html, data.NotInOkta.Count, "holders not resolved");
        Figure(html, data.Conflicts.Count, "identity conflicts");
        html.Append("</div>");

        Holders(html, holders);
        Unresolved(html, data);
        Charts(html, data.Runs, holders.Count);
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Holders(StringBuilder html, IReadOnlyList<RoleHolder> holders)
    {
        html.Append("<h2 id=\"holders\">Current holders by role</h2>");
        html.Append("<p class=\"note\">Held since: the first run that saw the grant held (as far as the sync knows). Granted in OIG: when the sync made the grant; empty when it was already there (adopted) or made by hand in OIG.</p>");
        if (holders.Count == 0)
        {
            html.Append("<p class=\"none\">Nobody holds a Slack system role through the sync's grants.</p>");
            return;
        }

        foreach (var role in holders.GroupBy(h => (h.RoleId, h.RoleName)).OrderBy(g => g.Key.RoleName, StringComparer.OrdinalIgnoreCase).ThenBy(g => g.Key.RoleId, StringComparer.Ordinal))
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<h3 class=\"role\" id=\"role-{E(role.Key.RoleId)}\">{E(role.Key.RoleName)} <span class=\"meta\">{E(role.Key.RoleId)} · {role.Count()} holder{(role.Count() == 1 ? string.Empty : "s")}</span></h3>");
            html.Append("<table><thead><tr><th>Email</th><th>Slack user</th><th>Okta user</th><th>Held since</th><th>Granted in OIG</th></tr></thead><tbody>");
            foreach (var h in role.OrderBy(h => h.Email ?? h.OktaUserId, StringComparer.OrdinalIgnoreCase))
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{E(h.Email ?? "—")}</td><td class=\"mono\">{E(h.SlackUserId ?? "—")}</td><td class=\"mono\">{E(h.OktaUserId)}</td><td>{E(T(h.HeldSince))}</td><td>{E(T(h.GrantedInOigAt))}</td></tr>");
            }

            html.Append("</tbody></table>");
        }
    }

    private static void Unresolved(StringBuilder html, ReportData data)
    {
        html.Append("<h2 id=\"unresolved\">Unresolved holders and conflicts</h2>");
        if (data.NotInOkta.Count == 0 && data.KeptUnresolved.Count == 0 && data.Conflicts.Count == 0)
        {
            html.Append("<p class=\"none\">None: every Slack role holder resolved to exactly one Okta user.</p>");
            return;
        }

        html.Append(CultureInfo.InvariantCulture,
            $"<h3>Slack role holders not resolved to an Okta user <span class=\"meta\">{data.NotInOkta.Count}</span></h3>");
        html.Append("<p class=\"note\">They hold a role in Slack that OIG cannot show: not in Okta, no email in Slack, or claimed by several Okta users. Email, or Slack user id when Slack has no email.</p>");
        html.Append(data.NotInOkta.Count == 0 ? "<p class=\"none\">None.</p>" : "<ul>" + string.Concat(data.NotInOkta.Select(i => $"<li>{E(i)}</li>")) + "</ul>");

        FindingTable(html, "Grants kept for holders who could not be resolved", "Their remembered Okta user keeps the grant until Slack no longer lists the role (absence of evidence is not removal).", data.KeptUnresolved, showRole: true);
        FindingTable(html, "Identity conflicts", "A Slack user claimed by several Okta users (by externalId or email): nothing is granted to any of them until that is fixed in Okta.", data.Conflicts, showRole: false);
    }

    private static void FindingTable(StringBuilder html, string title, string note, IReadOnlyList<Finding> findings, bool showRole)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h3>{E(title)} <span class=\"meta\">{findings.Count}</span></h3><p class=\"note\">{E(note)}</p>");
        if (findings.Count == 0)
        {
            html.Append("<p class=\"none\">None.</p>");
            return;
        }

        html.Append("<table><thead><tr><th>Slack user</th><th>Email</th><th>Okta user(s)</th>").Append(showRole ? "<th>Role</th>" : string.Empty).Append("<th>Detail</th></tr></thead><tbody>");
        foreach (var f in findings)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td class=\"mono\">{E(f.SlackUserId ?? "—")}</td><td>{E(f.Email ?? "—")}</td><td class=\"mono\">{E(f.OktaUserId ?? "—")}</td>");
            if (showRole)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"mono\">{E(f.SlackRoleId ?? "—")}</td>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<td>{E(f.Detail)}</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void Charts(StringBuilder html, IReadOnlyList<RunPoint> runs, int grantsHeldNow)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"runs\">The last {runs.Count} run{(runs.Count == 1 ? string.Empty : "s")}</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">Real runs only (dry runs change nothing), oldest on the left, at most {ReportQuery.RunsCharted}. Hover a bar for the run's id, start and status.</p>");
        html.Append("<p class=\"legend\"><span><i style=\"background:#3b7dd8\"></i>SUCCESS</span><span><i style=\"background:#e0a100\"></i>PARTIAL</span>"
                    + "<span><i style=\"background:#8e44ad\"></i>BLOCKED</span><span><i style=\"background:#d32f2f\"></i>FAILED</span><span><i style=\"background:#9e9e9e\"></i>RUNNING</span></p>");
        var first = runs.Count > 0 ? T(runs[0].StartTime) : null;
        var last = runs.Count > 1 ? T(runs[^1].StartTime) : null;

        html.Append("<h3>Slack role holders per run</h3>");
        html.Append(CultureInfo.InvariantCulture,
            $"<p class=\"note\">Slack users holding at least one system role, as each run read them (the grants held are known only for the basis run: {grantsHeldNow}). A red mark on the axis: the run failed before it could read Slack.</p>");
        html.Append(SvgBarChart.Render("Slack role holders per run", [.. runs.Select(r => new ChartColumn(
            r.SlackRoleHolders, StatusClass(r.Status), $"{Describe(r)}: {r.SlackRoleHolders} Slack role holder(s)",
            NoValue: r.Status == RunStatus.Failed && r.SlackRoleHolders == 0))], first, last));

        html.Append("<h3>Changes per run</h3>");
        html.Append("<p class=\"note\">User × role grants added in OIG (green, up) and revoked (orange, down), as applied.</p>");
        html.Append(SvgBarChart.Render("Grants added and revoked per run", [.. runs.Select(r => new ChartColumn(
            r.Added, "added", $"{Describe(r)}: {r.Added} added, {r.Removed} revoked, {r.Failed} failed", r.Removed, "removed"))], first, last));

        html.Append("<h3>Duration per run</h3>");
        html.Append("<p class=\"note\">Seconds from start to end, coloured by how the run ended.</p>");
        html.Append(SvgBarChart.Render("Duration per run in seconds", [.. runs.Select(r => new ChartColumn(
            r.DurationSeconds ?? 0, StatusClass(r.Status), $"{Describe(r)}: {(r.DurationSeconds is { } d ? ReportText.Number(d, "0.0") + " s" : "no end recorded")}"))], first, last));
    }

    private static string Describe(RunPoint r) => $"{r.ExecutionId}, started {T(r.StartTime)}, {(r.Status is { } s ? StorageText.Of(s) : "RUNNING")}";

    private static string StatusClass(RunStatus? status) => status switch
    {
        RunStatus.Success => "ok",
        RunStatus.Partial => "partial",
        RunStatus.Blocked => "blocked",
        RunStatus.Failed => "failed",
        _ => "running",
    };

    private static void Figure(StringBuilder html, int value, string label) =>
        html.Append(CultureInfo.InvariantCulture, $"<div><b>{value.ToString("#,0", CultureInfo.InvariantCulture)}</b>{E(label)}</div>");

    private static string T(DateTimeOffset? time) => time is null ? "—" : ReportText.Time(time)!.Replace('T', ' ');

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
