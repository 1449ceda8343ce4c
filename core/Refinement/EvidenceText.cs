using System.Globalization;
using HyperSearch.Spec;

namespace HyperSearch.Refinement;

/// <summary>How refine's comments write numbers and ranges: short, and in exponent form where a decade matters.</summary>
internal static class EvidenceText
{
    public static string Number(double value)
    {
        if (value == 0 || double.IsInfinity(value) || double.IsNaN(value))
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        double magnitude = Math.Abs(value);
        if (magnitude < 1e-2 || magnitude >= 1e5)
        {
            // 0.00213 reads as 2.13e-3, as cs231n writes learning rates.
            int exponent = (int)Math.Floor(Math.Log10(magnitude));
            double mantissa = Math.Round(value / Math.Pow(10, exponent), 2);
            if (Math.Abs(mantissa) >= 10)
            {
                mantissa /= 10;
                exponent++;
            }

            return $"{mantissa.ToString("0.##", CultureInfo.InvariantCulture)}e{exponent}";
        }

        return value.ToString(magnitude >= 100 ? "0.#" : "G3", CultureInfo.InvariantCulture);
    }

    public static string Range(double low, double high) => $"[{Number(low)}, {Number(high)}]";

    public static string Range(ParameterSpec parameter) => Range(parameter.Low, parameter.High);

    public static string Options(IEnumerable<ParamValue> options) => string.Join(", ", options.Select(o => o.ToString()));
}
