using System.Text;
using HyperSearch.Sweeps;

namespace HyperSearch.Explorer.Charts;

/// <summary>
/// Lines over epochs: one per trial (the sweep's learning curves) or one per series of a trial (its
/// metrics, its layers' update ratios). A line has one point per epoch; a trial that was pruned or
/// diverged ends where it stopped, drawn dashed with a cross at its last point.
/// </summary>
public static class CurveChart
{
    public sealed record class Series(string Id, string Label, string Status, IReadOnlyList<(int Epoch, double Value)> Points, string Colour);

    public static string Render(string kind, string yLabel, IReadOnlyList<Series> series, int maxEpochs, bool logY = false, string? title = null, double? reference = null)
    {
        var frame = new SvgFrame(kind);
        var epochs = Math.Max(maxEpochs, series.Select(s => s.Points.Count == 0 ? 0 : s.Points.Max(p => p.Epoch)).DefaultIfEmpty(1).Max());
        var xAxis = ChartAxis.Numeric("epoch", [1, Math.Max(2, epochs)]);
        var yValues = series.SelectMany(s => s.Points.Select(p => p.Value)).ToList();
        if (reference is { } r)
        {
            yValues.Add(r);
        }

        var yAxis = ChartAxis.Numeric(yLabel, yValues, logY);
        frame.XAxis(xAxis);
        frame.YAxis(yAxis);
        if (reference is { } line && yAxis.Fraction(line) is { } fr)
        {
            frame.AppendAxes(SvgFrame.Invariant($"<line class=\"reference\" x1=\"{frame.X(0)}\" y1=\"{frame.Y(fr):F1}\" x2=\"{frame.X(1)}\" y2=\"{frame.Y(fr):F1}\"/>"));
        }

        var lines = 0;
        foreach (var s in series)
        {
            var points = s.Points
                .Select(p => (p.Epoch, X: xAxis.Fraction(p.Epoch), Y: yAxis.Fraction(p.Value)))
                .Where(p => p.X is not null && p.Y is not null)
                .Select(p => SvgFrame.Invariant($"{frame.X(p.X!.Value):F1},{frame.Y(p.Y!.Value):F1}"))
                .ToList();
            if (points.Count == 0)
            {
                continue;
            }

            lines++;
            var cut = s.Status is "pruned" or "diverged";
            var svg = new StringBuilder();
            svg.Append(SvgFrame.Invariant($"<g class=\"series{(cut ? " cut" : "")}\" data-trial=\"{SvgFrame.Escape(s.Id)}\" data-status=\"{s.Status}\">"));
            svg.Append(SvgFrame.Invariant($"<polyline class=\"curve\" data-points=\"{points.Count}\" points=\"{string.Join(' ', points)}\" stroke=\"{s.Colour}\"/>"));
            if (cut)
            {
                var last = points[^1].Split(',');
                svg.Append($"<text class=\"cut-mark\" x=\"{last[0]}\" y=\"{last[1]}\" fill=\"{s.Colour}\" text-anchor=\"middle\" dominant-baseline=\"central\">×</text>");
            }

            svg.Append("</g>");
            frame.AppendMark(svg.ToString());
        }

        if (series.Count <= 12)
        {
            // A legend where lines are few enough to tell apart (a trial's metrics, its layers).
            for (var i = 0; i < series.Count; i++)
            {
                frame.AppendMark(SvgFrame.Invariant($"<text class=\"legend\" x=\"{frame.X(1) - 4:F1}\" y=\"{frame.Y(1) + 12 + (i * 13):F1}\" text-anchor=\"end\" fill=\"{series[i].Colour}\">{SvgFrame.Escape(series[i].Label)}</text>"));
            }
        }

        frame.Attribute("data-lines", lines);
        return frame.Render(title);
    }

    /// <summary>The sweep's learning curves: the objective of every trial that reported an epoch.</summary>
    public static string Trials(TrialValues values, string? title = null)
    {
        var goodness = values.Goodness();
        var series = values.Trials
            .Where(t => t.Epochs.Length > 0)
            .OrderBy(goodness)
            .Select(t => new Series(t.TrialId, $"{t.TrialId} ({t.Status.ToWireName()}, {t.Epochs.Length} epochs)", t.Status.ToWireName(),
                t.Epochs.Select(e => (e.Epoch, e.Get(values.Objective) ?? double.NaN)).Where(p => double.IsFinite(p.Item2)).ToList(),
                t.Status is TrialStatus.Pruned or TrialStatus.Diverged ? Palette.ForStatus(t.Status.ToWireName()) : Palette.Ramp(goodness(t))))
            .ToList();
        return Render("curves", values.Objective, series, values.Spec.Budget.MaxEpochs, title: title);
    }
}
