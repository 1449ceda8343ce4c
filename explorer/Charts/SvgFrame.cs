using System.Globalization;
using System.Net;
using System.Text;

namespace HyperSearch.Explorer.Charts;

/// <summary>
/// One SVG chart: a plot area with margins, axes drawn from <see cref="ChartAxis"/> ticks, and marks
/// appended by the chart types. Every chart carries its kind and axis scales as data attributes, so a
/// test (or a script) reads what is drawn from the DOM.
/// </summary>
public sealed class SvgFrame
{
    private const double Left = 64;
    private const double Right = 16;
    private const double Top = 14;
    private const double Bottom = 44;

    private readonly StringBuilder _marks = new();
    private readonly StringBuilder _axes = new();
    private readonly Dictionary<string, string> _attributes = [];

    public SvgFrame(string kind, double width = 560, double height = 340)
    {
        Kind = kind;
        Width = width;
        Height = height;
    }

    public string Kind { get; }

    public double Width { get; }

    public double Height { get; }

    public double PlotWidth => Width - Left - Right;

    public double PlotHeight => Height - Top - Bottom;

    /// <summary>The x pixel of a fraction of the plot width.</summary>
    public double X(double fraction) => Left + (fraction * PlotWidth);

    /// <summary>The y pixel of a fraction of the plot height (0 at the bottom).</summary>
    public double Y(double fraction) => Top + ((1 - fraction) * PlotHeight);

    public SvgFrame Attribute(string name, object value)
    {
        _attributes[name] = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        return this;
    }

    public void XAxis(ChartAxis axis)
    {
        Attribute("data-x-scale", axis.KindName).Attribute("data-x", axis.Label);
        _axes.Append(Invariant($"<line class=\"axis\" x1=\"{Left}\" y1=\"{Y(0)}\" x2=\"{X(1)}\" y2=\"{Y(0)}\"/>"));
        foreach (var (fraction, label) in axis.Ticks())
        {
            var x = X(fraction);
            _axes.Append(Invariant($"<line class=\"tick\" x1=\"{x:F1}\" y1=\"{Y(0)}\" x2=\"{x:F1}\" y2=\"{Y(0) + 4}\"/>"));
            _axes.Append(Invariant($"<text class=\"tick-label x\" x=\"{x:F1}\" y=\"{Y(0) + 16}\" text-anchor=\"middle\">{Escape(label)}</text>"));
        }

        _axes.Append(Invariant($"<text class=\"axis-label\" x=\"{X(0.5):F1}\" y=\"{Height - 6}\" text-anchor=\"middle\">{Escape(axis.Label)}{(axis.Kind == AxisKind.Log ? " (log)" : "")}</text>"));
    }

    public void YAxis(ChartAxis axis)
    {
        Attribute("data-y-scale", axis.KindName).Attribute("data-y", axis.Label);
        _axes.Append(Invariant($"<line class=\"axis\" x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Y(0)}\"/>"));
        foreach (var (fraction, label) in axis.Ticks())
        {
            var y = Y(fraction);
            _axes.Append(Invariant($"<line class=\"grid\" x1=\"{Left}\" y1=\"{y:F1}\" x2=\"{X(1)}\" y2=\"{y:F1}\"/>"));
            _axes.Append(Invariant($"<text class=\"tick-label y\" x=\"{Left - 6}\" y=\"{y + 4:F1}\" text-anchor=\"end\">{Escape(label)}</text>"));
        }

        _axes.Append(Invariant($"<text class=\"axis-label\" transform=\"translate(12 {Y(0.5):F1}) rotate(-90)\" text-anchor=\"middle\">{Escape(axis.Label)}{(axis.Kind == AxisKind.Log ? " (log)" : "")}</text>"));
    }

    /// <summary>Raw SVG for the axes layer (parallel coordinates draw their own).</summary>
    public void AppendAxes(string svg) => _axes.Append(svg);

    public void AppendMark(string svg) => _marks.Append(svg);

    public string Render(string? title = null)
    {
        var attributes = string.Concat(_attributes.Select(a => $" {a.Key}=\"{Escape(a.Value)}\""));
        var heading = title is null ? "" : $"<figcaption>{Escape(title)}</figcaption>";
        return Invariant($"<figure class=\"chart-box\">{heading}<svg class=\"chart {Kind}\" data-chart=\"{Kind}\"{attributes} viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" xmlns=\"http://www.w3.org/2000/svg\">")
            + $"<g class=\"axes\">{_axes}</g><g class=\"marks\">{_marks}</g></svg></figure>";
    }

    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
