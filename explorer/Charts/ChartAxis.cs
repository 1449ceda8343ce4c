using System.Globalization;
using HyperSearch.Spec;

namespace HyperSearch.Explorer.Charts;

/// <summary>
/// Maps values to a fraction of an axis (0 at its start, 1 at its end): linear, logarithmic (for
/// loguniform parameters, so cs231n's lr x regularization picture reads in decades) or by category.
/// </summary>
public sealed class ChartAxis
{
    private readonly double _low;
    private readonly double _high;
    private readonly string[] _categories;

    private ChartAxis(string label, AxisKind kind, double low, double high, string[] categories)
    {
        Label = label;
        Kind = kind;
        _low = low;
        _high = high;
        _categories = categories;
    }

    public string Label { get; }

    public AxisKind Kind { get; }

    /// <summary>The scale's word in the SVG's <c>data-x-scale</c>/<c>data-y-scale</c> attributes, which the page's script and tests read.</summary>
    public string KindName => Kind switch
    {
        AxisKind.Linear => "linear",
        AxisKind.Log => "log",
        AxisKind.Category => "category",
        _ => throw new InvalidOperationException($"no name for axis kind {Kind}"),
    };

    /// <summary>A numeric axis over <paramref name="values"/> (and <paramref name="declared"/>, a spec's range, when given).</summary>
    public static ChartAxis Numeric(string label, IEnumerable<double> values, bool log = false, (double Low, double High)? declared = null)
    {
        var finite = values.Where(v => double.IsFinite(v) && (!log || v > 0)).ToList();
        if (declared is { } range)
        {
            finite.Add(range.Low);
            finite.Add(range.High);
        }

        var low = finite.Count == 0 ? (log ? 1 : 0) : finite.Min();
        var high = finite.Count == 0 ? (log ? 10 : 1) : finite.Max();
        if (log)
        {
            (low, high) = (Math.Log10(low), Math.Log10(high));
        }

        if (high - low < 1e-12)
        {
            (low, high) = (low - 0.5, high + 0.5);
        }

        return new ChartAxis(label, log ? AxisKind.Log : AxisKind.Linear, low, high, []);
    }

    public static ChartAxis Categories(string label, IEnumerable<string> categories) =>
        new(label, AxisKind.Category, 0, 1, categories.Distinct().ToArray());

    /// <summary>The axis for a parameter of the spec: log for loguniform, categories for choices.</summary>
    public static ChartAxis For(ParameterSpec parameter, IEnumerable<ParamValue> seen)
    {
        var values = seen.ToList();
        if (parameter.Kind is DistributionKind.Choice or DistributionKind.Value || values.Any(v => !v.IsNumeric))
        {
            return Categories(parameter.Name, parameter.Options.Select(o => o.ToString()).Concat(values.Select(v => v.ToString())));
        }

        return Numeric(parameter.Name, values.Select(v => v.Number), parameter.Kind == DistributionKind.LogUniform, (parameter.Low, parameter.High));
    }

    public double? Fraction(ParamValue value) => Kind == AxisKind.Category || !value.IsNumeric
        ? CategoryFraction(value.ToString())
        : Fraction(value.Number);

    public double? Fraction(double value)
    {
        if (Kind == AxisKind.Category || !double.IsFinite(value) || (Kind == AxisKind.Log && value <= 0))
        {
            return null;
        }

        var x = Kind == AxisKind.Log ? Math.Log10(value) : value;
        return (x - _low) / (_high - _low);
    }

    private double? CategoryFraction(string value)
    {
        var index = Array.IndexOf(_categories, value);
        return index < 0 ? null : (index + 0.5) / _categories.Length;
    }

    /// <summary>Tick positions and labels: decades on a log axis, about five round numbers on a linear one.</summary>
    public IEnumerable<(double Fraction, string Label)> Ticks()
    {
        switch (Kind)
        {
            case AxisKind.Category:
                return _categories.Select((c, i) => ((i + 0.5) / _categories.Length, c));
            case AxisKind.Log:
                var decades = Enumerable.Range((int)Math.Ceiling(_low - 1e-9), Math.Max(0, (int)Math.Floor(_high + 1e-9) - (int)Math.Ceiling(_low - 1e-9) + 1))
                    .Select(d => ((d - _low) / (_high - _low), "1e" + d.ToString(CultureInfo.InvariantCulture))).ToList();
                return decades.Count >= 2 ? decades : [(0, Format(Math.Pow(10, _low))), (1, Format(Math.Pow(10, _high)))];
            default:
                var step = NiceStep((_high - _low) / 5);
                var first = Math.Ceiling(_low / step) * step;
                var ticks = new List<(double, string)>();
                for (var v = first; v <= _high + (step * 1e-9); v += step)
                {
                    ticks.Add(((v - _low) / (_high - _low), Format(Math.Abs(v) < step * 1e-9 ? 0 : v)));
                }

                return ticks;
        }
    }

    private static double NiceStep(double rough)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var scaled = rough / power;
        return power * (scaled < 1.5 ? 1 : scaled < 3 ? 2 : scaled < 7 ? 5 : 10);
    }

    public static string Format(double value) => value.ToString("G3", CultureInfo.InvariantCulture);
}
