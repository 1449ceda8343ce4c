using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>
/// How far a range may widen beyond the spec: never past what the trainer accepts for the
/// parameter (<see cref="ParameterSpec.Bounds"/>, from its schema) (dropout below 0, momentum at 1), so a widened round never proposes a trial that fails.
/// </summary>
internal static class WideningLimits
{
    /// <summary>
    /// <paramref name="wanted"/> held within the parameter's upper limit. An exclusive limit is
    /// approached halfway from <paramref name="edge"/> each time instead of reached.
    /// </summary>
    public static double Upper(ParameterSpec parameter, double wanted, double edge)
    {
        if (parameter.Bounds is not { } limits || limits.Max is not { } max || wanted < max)
        {
            return wanted;
        }

        if (parameter.Kind == DistributionKind.Int)
        {
            return Math.Max(edge, limits.MaxInclusive ? Math.Floor(max) : Math.Ceiling(max) - 1);
        }

        return limits.MaxInclusive ? Math.Max(edge, max) : Math.Max(edge, (edge + max) / 2);
    }

    /// <summary>Like <see cref="Upper"/>, for the lower limit.</summary>
    public static double Lower(ParameterSpec parameter, double wanted, double edge)
    {
        if (parameter.Bounds is not { } limits || limits.Min is not { } min || wanted > min)
        {
            return wanted;
        }

        if (parameter.Kind == DistributionKind.Int)
        {
            return Math.Min(edge, limits.MinInclusive ? Math.Ceiling(min) : Math.Floor(min) + 1);
        }

        return limits.MinInclusive && parameter.Kind != DistributionKind.LogUniform ? Math.Min(edge, min) : Math.Min(edge, (edge + min) / 2);
    }
}
