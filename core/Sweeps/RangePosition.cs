using HyperSearch.Spec;

namespace HyperSearch.Sweeps;

/// <summary>Where a value sits in a parameter's range, 0 at the low end and 1 at the high end (in log space for log-uniform).</summary>
public static class RangePosition
{
    public static double Of(ParameterSpec parameter, double value) => parameter.Kind == DistributionKind.LogUniform
        ? (Math.Log(value) - Math.Log(parameter.Low)) / (Math.Log(parameter.High) - Math.Log(parameter.Low))
        : (value - parameter.Low) / (parameter.High - parameter.Low);
}
