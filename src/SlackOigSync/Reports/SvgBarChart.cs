using System.Globalization;
using System.Net;
using System.Text;

namespace SlackOigSync.Reports;

/// <summary>
/// Draws one inline SVG bar chart, one column per run, with a value axis (0, half, top) and the first and last run's
/// dates under it. Bars go up from the axis, and down for a second series (removals). Every text is HTML-encoded;
/// tooltips are SVG &lt;title&gt; elements, so the page needs no script.
/// </summary>
public static class SvgBarChart
{
    private const double Width = 960;
    private const double Left = 56;
    private const double Right = 8;
    private const double Top = 10;
    private const double Bottom = 24;
    private static readonly double[] RoundSteps = [1, 2, 5, 10];

    public static string Render(string label, IReadOnlyList<ChartColumn> columns, string? firstLabel, string? lastLabel, double height = 200)
    {
        var up = NiceCeiling(columns.Select(c => c.Up).DefaultIfEmpty(0).Max());
        var downMax = columns.Select(c => c.Down).DefaultIfEmpty(0).Max();
        var down = downMax > 0 ? NiceCeiling(downMax) : 0;
        var plot = height - Top - Bottom;
        var axis = Top + (plot * up / (up + down));
        var scale = plot / (up + down);
        var slot = (Width - Left - Right) / Math.Max(columns.Count, 1);
        var bar = Math.Clamp(slot * 0.7, 1, 28);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {N(Width)} {N(height)}\" width=\"100%\" aria-label=\"{E(label)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{E(label)}</title>");
        Gridline(svg, axis, "0");
        Gridline(svg, axis - (up * scale), Value(up));
        Gridline(svg, axis - (up * scale / 2), Value(up / 2));
        if (down * scale >= 14)
        {
            Gridline(svg, axis + (down * scale), "−" + Value(down));
        }

        for (var i = 0; i < columns.Count; i++)
        {
            var c = columns[i];
            var x = Left + (i * slot) + ((slot - bar) / 2);
            svg.Append("<g>");
            svg.Append(CultureInfo.InvariantCulture, $"<title>{E(c.Tooltip)}</title>");
            if (c.NoValue)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"novalue\" x=\"{N(x)}\" y=\"{N(axis - 3)}\" width=\"{N(bar)}\" height=\"6\"/>");
            }
            else
            {
                var h = c.Up * scale;
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{E(c.UpClass)}\" x=\"{N(x)}\" y=\"{N(axis - h)}\" width=\"{N(bar)}\" height=\"{N(h)}\"/>");
                if (c.Down > 0)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{E(c.DownClass)}\" x=\"{N(x)}\" y=\"{N(axis)}\" width=\"{N(bar)}\" height=\"{N(c.Down * scale)}\"/>");
                }
            }

            svg.Append("</g>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{N(Left)}\" y1=\"{N(axis)}\" x2=\"{N(Width - Right)}\" y2=\"{N(axis)}\"/>");
        if (firstLabel is not null)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(Left)}\" y=\"{N(height - 6)}\">{E(firstLabel)}</text>");
        }

        if (lastLabel is not null)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(Width - Right)}\" y=\"{N(height - 6)}\" text-anchor=\"end\">{E(lastLabel)}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void Gridline(StringBuilder svg, double y, string text)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{N(Left)}\" y1=\"{N(y)}\" x2=\"{N(Width - Right)}\" y2=\"{N(y)}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(Left - 6)}\" y=\"{N(y + 4)}\" text-anchor=\"end\">{E(text)}</text>");
    }

    /// <summary>1, 2 or 5 times a power of ten, at least the largest value (and at least 1), so the axis reads in round numbers.</summary>
    public static double NiceCeiling(double max)
    {
        if (max <= 1)
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(max)));
        return RoundSteps.Select(m => m * power).First(v => v >= max);
    }

    private static string Value(double v) => v.ToString(v < 10 && v != Math.Floor(v) ? "0.#" : "#,0", CultureInfo.InvariantCulture);

    private static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
