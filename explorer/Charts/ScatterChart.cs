
namespace HyperSearch.Explorer.Charts;

/// <summary>Trials as points over two quantities (parameters or the objective), coloured by the objective; one mark per trial that has a value.</summary>
public static class ScatterChart
{
    public static string Render(TrialValues values, string x, string y, string? title = null, double width = 560, double height = 340)
    {
        var radius = values.Trials.Count > 2000 ? 2.5 : 4;
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
            // No <title> per mark: the page's script shows a trial's figures on hover (from the table
            // data), which keeps a 10,000-trial chart small.
            frame.AppendMark(SvgFrame.Invariant(
                $"<circle class=\"mark\" data-trial=\"{trial.TrialId}\" cx=\"{frame.X(fx):F1}\" cy=\"{frame.Y(fy):F1}\" r=\"{radius}\" fill=\"{Palette.Ramp(goodness(trial))}\"/>"));
        }

        frame.Attribute("data-marks", marks);
        return frame.Render(title);
    }
}
