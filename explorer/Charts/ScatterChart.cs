using System.Globalization;
using HyperSearch.Sweeps;

namespace HyperSearch.Explorer.Charts;

/// <summary>Trials as points over two quantities (parameters or the objective), coloured by the objective; one mark per trial that has a value.</summary>
public static class ScatterChart
{
    public static string Render(TrialValues values, string x, string y, string? title = null, double width = 560, double height = 340)
    {
        var frame = new SvgFrame("scatter", width, height);
        var xAxis = values.AxisFor(x);
        var yAxis = values.AxisFor(y);
        frame.XAxis(xAxis);
        frame.YAxis(yAxis);
        var goodness = values.Goodness();
        var marks = 0;
        foreach (var trial in values.WithValue.OrderBy(goodness))
        {
            if (values.Fraction(xAxis, trial, x) is not { } fx || values.Fraction(yAxis, trial, y) is not { } fy)
            {
                continue;
            }

            marks++;
            var tip = $"{trial.TrialId} {x}={Describe(trial, values, x)} {y}={Describe(trial, values, y)} {values.Objective}={values.ObjectiveOf(trial)!.Value.ToString("G4", CultureInfo.InvariantCulture)} ({trial.Status.ToWireName()})";
            frame.AppendMark(SvgFrame.Invariant(
                $"<circle class=\"mark\" data-trial=\"{trial.TrialId}\" cx=\"{frame.X(fx):F1}\" cy=\"{frame.Y(fy):F1}\" r=\"4\" fill=\"{Palette.Ramp(goodness(trial))}\"><title>{SvgFrame.Escape(tip)}</title></circle>"));
        }

        frame.Attribute("data-marks", marks);
        return frame.Render(title);
    }

    private static string Describe(TrialRecord trial, TrialValues values, string name) => name == values.Objective
        ? values.ObjectiveOf(trial)!.Value.ToString("G4", CultureInfo.InvariantCulture)
        : trial.Parameters.GetValueOrDefault(name)?.ToString() ?? "-";
}
