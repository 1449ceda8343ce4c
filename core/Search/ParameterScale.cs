using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>
/// The scale strategies reason about a range parameter in: log space for log-uniform (a decade is
/// a decade wherever it lies), linear for uniform and int.
/// </summary>
internal static class ParameterScale
{
    public static bool IsRange(ParameterSpec parameter) =>
        parameter.Kind is DistributionKind.Uniform or DistributionKind.LogUniform or DistributionKind.Int;

    public static double ToScale(ParameterSpec parameter, double value) =>
        parameter.Kind == DistributionKind.LogUniform ? Math.Log(value) : value;

    public static double FromScale(ParameterSpec parameter, double position) =>
        parameter.Kind == DistributionKind.LogUniform ? Math.Exp(position) : position;
}
