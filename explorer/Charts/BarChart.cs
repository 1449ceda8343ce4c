using System.Globalization;

namespace HyperSearch.Explorer.Charts;

/// <summary>Horizontal bars with their values written out: parameter importance, trials per rung.</summary>
public static class BarChart
{
    public static string Render(string kind, IReadOnlyList<(string Label, double Value, string Text)> bars, string? title = null)
    {
        const double rowHeight = 24;
        const double labelWidth = 140;
        const double width = 560;
        var height = Math.Max(60, (bars.Count * rowHeight) + 20);
        var max = bars.Select(b => b.Value).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        max = max <= 0 ? 1 : max;
        var svg = new System.Text.StringBuilder(SvgFrame.Invariant(
            $"<figure class=\"chart-box\">{(title is null ? "" : $"<figcaption>{SvgFrame.Escape(title)}</figcaption>")}<svg class=\"chart {kind}\" data-chart=\"{kind}\" data-bars=\"{bars.Count}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">"));
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value, text) = bars[i];
            var y = 10 + (i * rowHeight);
            var length = double.IsFinite(value) ? Math.Max(1, (width - labelWidth - 180) * value / max) : 0;
            svg.Append(SvgFrame.Invariant($"<text class=\"tick-label\" x=\"{labelWidth - 6}\" y=\"{y + 15}\" text-anchor=\"end\">{SvgFrame.Escape(label)}</text>"));
            svg.Append(SvgFrame.Invariant($"<rect class=\"bar\" data-label=\"{SvgFrame.Escape(label)}\" data-value=\"{value.ToString("G4", CultureInfo.InvariantCulture)}\" x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{length:F1}\" height=\"{rowHeight - 8}\"/>"));
            svg.Append(SvgFrame.Invariant($"<text class=\"tick-label\" x=\"{labelWidth + length + 6:F1}\" y=\"{y + 15}\">{SvgFrame.Escape(text)}</text>"));
        }

        return svg.Append("</svg></figure>").ToString();
    }
}
