using System.Globalization;
using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>The values a grid tries for one parameter.</summary>
public static class GridValues
{
    /// <summary>
    /// A choice's options; a fixed value; for ranges <paramref name="points"/> evenly spaced values
    /// with both ends included (geometrically spaced for log-uniform). An int range with no more
    /// than <paramref name="points"/> integers is tried whole.
    /// </summary>
    public static ParamValue[] For(ParameterSpec parameter, int points)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 2);
        return parameter.Kind switch
        {
            DistributionKind.Choice or DistributionKind.Value => parameter.Options.ToArray(),
            DistributionKind.Int => Integers((long)parameter.Low, (long)parameter.High, points),
            DistributionKind.Uniform => Spaced(parameter.Low, parameter.High, points, (lo, hi, t) => lo + (t * (hi - lo))),
            DistributionKind.LogUniform => Spaced(parameter.Low, parameter.High, points, (lo, hi, t) => Math.Exp(Math.Log(lo) + (t * (Math.Log(hi) - Math.Log(lo))))),
            _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter.Kind, "unknown distribution"),
        };
    }

    private static ParamValue[] Integers(long low, long high, int points)
    {
        if (high - low + 1 <= points)
        {
            var all = new ParamValue[high - low + 1];
            for (long i = low; i <= high; i++)
            {
                all[i - low] = ParamValue.OfInteger(i);
            }

            return all;
        }

        return Enumerable.Range(0, points)
            .Select(k => low + (long)Math.Round(k * (double)(high - low) / (points - 1), MidpointRounding.AwayFromZero))
            .Distinct()
            .Select(ParamValue.OfInteger)
            .ToArray();
    }

    private static ParamValue[] Spaced(double low, double high, int points, Func<double, double, double, double> at)
    {
        var values = new double[points];
        for (int k = 0; k < points; k++)
        {
            // The ends are exact; inner points are rounded to 12 significant digits so that a grid
            // over [1e-5, 1e-1] shows 0.0001, not 0.00010000000000000009.
            values[k] = k == 0 ? low : k == points - 1 ? high : Tidy(at(low, high, k / (double)(points - 1)));
        }

        return values.Distinct().Select(ParamValue.Of).ToArray();
    }

    private static double Tidy(double value) =>
        double.Parse(value.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
