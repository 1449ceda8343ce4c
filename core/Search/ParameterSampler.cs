using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>Draws one value of a parameter from its declared distribution.</summary>
public static class ParameterSampler
{
    public static ParamValue Sample(ParameterSpec parameter, Random random) => parameter.Kind switch
    {
        DistributionKind.Uniform => ParamValue.Of(Clamp(
            parameter.Low + (random.NextDouble() * (parameter.High - parameter.Low)), parameter)),

        // Uniform in log space: each decade of [1e-5, 1e-1] gets the same share of draws.
        DistributionKind.LogUniform => ParamValue.Of(Clamp(
            Math.Exp(Math.Log(parameter.Low) + (random.NextDouble() * (Math.Log(parameter.High) - Math.Log(parameter.Low)))),
            parameter)),

        // NextInt64's upper bound is exclusive; the spec's is inclusive.
        DistributionKind.Int => ParamValue.OfInteger(random.NextInt64((long)parameter.Low, (long)parameter.High + 1)),
        DistributionKind.Choice => parameter.Options[random.Next(parameter.Options.Length)],
        DistributionKind.Value => parameter.Options[0],
        _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter.Kind, "unknown distribution"),
    };

    // exp(log(x)) and lo + u * (hi - lo) can land a rounding error outside the declared range.
    private static double Clamp(double value, ParameterSpec parameter) => Math.Clamp(value, parameter.Low, parameter.High);
}
