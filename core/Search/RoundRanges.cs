using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>
/// Coarse-to-fine's step from one round's ranges to the next (cs231n's procedure, automated).
/// Numeric ranges narrow to the span of the top-k values plus a margin, in the parameter's scale
/// (<see cref="ParameterScale"/>); when the best value lies in the outer tenth of a range, that
/// side widens instead, possibly beyond the declared range. Choices narrow to the options the
/// top-k used. A parameter none of the top-k had active keeps its range.
/// </summary>
public static class RoundRanges
{
    /// <summary>The best value within this fraction of an edge counts as "at the edge".</summary>
    public const double EdgeFraction = 0.1;

    /// <summary>Margin added on each side of the top-k span, as a fraction of that span.</summary>
    public const double SpanMargin = 0.5;

    /// <summary>Least margin, as a fraction of the current width: a range shrinks at most 5x per round.</summary>
    public const double MinimumMargin = 0.1;

    /// <summary>How far a side widens, as a fraction of the current width.</summary>
    public const double Widening = 0.5;

    /// <summary>The next round's space and the edges it widened.</summary>
    /// <param name="current">This round's space.</param>
    /// <param name="declared">The spec's space, to tell whether a widening goes beyond it.</param>
    /// <param name="top">The best observations so far, best first (see <see cref="ObservationRanking"/>), at most top-k.</param>
    public static (ParameterSpec[] Space, RangeWidening[] Widened) Next(
        IReadOnlyList<ParameterSpec> current, IReadOnlyList<ParameterSpec> declared, IReadOnlyList<TrialObservation> top)
    {
        var widened = new List<RangeWidening>();
        var next = current
            .Select((parameter, i) => Narrow(parameter, declared[i], top, widened))
            .ToArray();
        return (next, widened.ToArray());
    }

    private static ParameterSpec Narrow(ParameterSpec parameter, ParameterSpec declared, IReadOnlyList<TrialObservation> top, List<RangeWidening> widened)
    {
        var values = top
            .Select(o => o.Parameters.TryGetValue(parameter.Name, out var value) ? value : null)
            .OfType<ParamValue>()
            .ToList();
        if (values.Count == 0)
        {
            return parameter;
        }

        if (parameter.Kind == DistributionKind.Choice)
        {
            var used = parameter.Options.Where(option => values.Any(v => v.SameAs(option))).ToArray();
            return used.Length == 0 ? parameter : parameter with { Options = used };
        }

        if (!ParameterScale.IsRange(parameter) || !(parameter.High > parameter.Low) || !values.All(v => v.IsNumeric))
        {
            return parameter;
        }

        return NarrowRange(parameter, declared, values.Select(v => v.Number).ToList(), widened);
    }

    /// <param name="values">The top-k values, best first.</param>
    private static ParameterSpec NarrowRange(ParameterSpec parameter, ParameterSpec declared, List<double> values, List<RangeWidening> widened)
    {
        double low = ParameterScale.ToScale(parameter, parameter.Low);
        double high = ParameterScale.ToScale(parameter, parameter.High);
        double width = high - low;
        var scaled = values.Select(v => ParameterScale.ToScale(parameter, v)).ToList();
        double margin = Math.Max(SpanMargin * (scaled.Max() - scaled.Min()), MinimumMargin * width);

        // Narrowing never leaves the current range (exp(log(x)) may miss x by a rounding error);
        // only a widening does.
        double newLow = Math.Clamp(ParameterScale.FromScale(parameter, scaled.Min() - margin), parameter.Low, parameter.High);
        double newHigh = Math.Clamp(ParameterScale.FromScale(parameter, scaled.Max() + margin), parameter.Low, parameter.High);
        double best = values[0];
        double position = (scaled[0] - low) / width;
        if (position >= 1 - EdgeFraction)
        {
            double wanted = ParameterScale.FromScale(parameter, high + (Widening * width));
            newHigh = WideningLimits.Upper(parameter, wanted, parameter.High);
        }

        if (position <= EdgeFraction)
        {
            double wanted = ParameterScale.FromScale(parameter, low - (Widening * width));
            newLow = WideningLimits.Lower(parameter, wanted, parameter.Low);
        }

        if (parameter.Kind == DistributionKind.Int)
        {
            // An int range stays whole numbers and keeps every value the top-k tried.
            newLow = Math.Floor(newLow);
            newHigh = Math.Ceiling(newHigh);
        }

        if (newHigh > parameter.High)
        {
            widened.Add(new RangeWidening(parameter.Name, Upward: true, best, parameter.High, newHigh, newHigh > declared.High));
        }

        if (newLow < parameter.Low)
        {
            widened.Add(new RangeWidening(parameter.Name, Upward: false, best, parameter.Low, newLow, newLow < declared.Low));
        }

        return parameter with { Low = newLow, High = newHigh };
    }
}
