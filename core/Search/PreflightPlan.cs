using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>
/// The configurations <c>hypersearch check</c> tries to overfit with: a representative one (the
/// first option of each choice, the middle of each range, geometric for loguniform; conditions
/// honoured), then, when lr varies, the same with lr at the top of its range. A pipeline that works
/// overfits with one of them; a broken one (labels not matching images) with neither.
/// </summary>
public static class PreflightPlan
{
    public const string LearningRate = "lr";

    public static IReadOnlyList<Dictionary<string, ParamValue>> Candidates(SweepSpec spec)
    {
        var representative = Choose(spec.Space, lrOverride: null);
        var candidates = new List<Dictionary<string, ParamValue>> { representative };
        var lr = spec.Space.FirstOrDefault(p => p.Name == LearningRate);
        if (lr is not null && Highest(lr) is { } top && representative.TryGetValue(LearningRate, out var chosen) && !chosen.SameAs(top))
        {
            candidates.Add(Choose(spec.Space, top));
        }

        return candidates;
    }

    /// <summary>The middle (or first) value of a parameter's distribution.</summary>
    public static ParamValue Representative(ParameterSpec parameter) => parameter.Kind switch
    {
        DistributionKind.Uniform => ParamValue.Of((parameter.Low + parameter.High) / 2),
        DistributionKind.LogUniform => ParamValue.Of(Math.Sqrt(parameter.Low * parameter.High)),
        DistributionKind.Int => ParamValue.OfInteger((long)Math.Round((parameter.Low + parameter.High) / 2, MidpointRounding.AwayFromZero)),
        _ => parameter.Options[0],
    };

    private static Dictionary<string, ParamValue> Choose(IEnumerable<ParameterSpec> space, ParamValue? lrOverride)
    {
        var chosen = new Dictionary<string, ParamValue>(StringComparer.Ordinal);
        foreach (var parameter in space)
        {
            // Declaration order matters: a condition names an earlier parameter, chosen by now.
            if (parameter.IsActive(chosen))
            {
                chosen[parameter.Name] = parameter.Name == LearningRate && lrOverride is not null ? lrOverride : Representative(parameter);
            }
        }

        return chosen;
    }

    private static ParamValue? Highest(ParameterSpec parameter) => parameter.Kind switch
    {
        DistributionKind.Uniform or DistributionKind.LogUniform => ParamValue.Of(parameter.High),
        DistributionKind.Choice => parameter.Options.Where(o => o.IsNumeric).MaxBy(o => o.Number),
        _ => null,
    };
}
