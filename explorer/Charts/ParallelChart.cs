using System.Text;

namespace HyperSearch.Explorer.Charts;

/// <summary>Parallel coordinates: one vertical axis per varying parameter and one for the objective; one line per trial with a value.</summary>
public static class ParallelChart
{
    public static string Render(TrialValues values, string? title = null)
    {
        var names = values.Varying.Append(values.Objective).ToList();
        var frame = new SvgFrame("parallel", Math.Max(560, 110 * names.Count), 340);
        var axes = names.Select(values.AxisFor).ToList();
        // The last axis stops short of the right edge so its tick labels stay inside the chart.
        var step = names.Count > 1 ? 0.9 / (names.Count - 1) : 0;
        for (var i = 0; i < axes.Count; i++)
        {
            var x = frame.X(i * step);
            var svg = new StringBuilder(SvgFrame.Invariant($"<line class=\"axis\" x1=\"{x:F1}\" y1=\"{frame.Y(1)}\" x2=\"{x:F1}\" y2=\"{frame.Y(0)}\"/>"));
            svg.Append(SvgFrame.Invariant($"<text class=\"axis-label\" x=\"{x:F1}\" y=\"{frame.Height - 6}\" text-anchor=\"middle\">{SvgFrame.Escape(axes[i].Label)}{(axes[i].Kind == AxisKind.Log ? " (log)" : "")}</text>"));
            foreach (var (fraction, label) in axes[i].Ticks())
            {
                svg.Append(SvgFrame.Invariant($"<text class=\"tick-label\" x=\"{x + 3:F1}\" y=\"{frame.Y(fraction) + 3:F1}\">{SvgFrame.Escape(label)}</text>"));
            }

            frame.AppendAxes(svg.ToString());
        }

        var goodness = values.Goodness();
        var lines = 0;
        foreach (var trial in values.WithValue.OrderBy(goodness))
        {
            var points = new List<string>();
            for (var i = 0; i < axes.Count; i++)
            {
                // A conditional parameter the trial lacks (momentum under adam) leaves a gap: the line skips that axis.
                if (values.Fraction(axes[i], trial, names[i]) is { } f)
                {
                    points.Add(SvgFrame.Invariant($"{frame.X(i * step):F1},{frame.Y(f):F1}"));
                }
            }

            lines++;
            frame.AppendMark(SvgFrame.Invariant($"<polyline class=\"line\" data-trial=\"{trial.TrialId}\" points=\"{string.Join(' ', points)}\" stroke=\"{Palette.Ramp(goodness(trial))}\"/>"));
        }

        frame.Attribute("data-lines", lines);
        return frame.Render(title);
    }
}
