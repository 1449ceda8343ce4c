using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>
/// PBT's explore step (Jaderberg et al. 2017; Ray Tune's PopulationBasedTraining): each parameter
/// of the donor's configuration is drawn afresh from its distribution with the resample
/// probability, else a range is multiplied by 0.8 or 1.2 (for a log-uniform range that is a step
/// in log space) and clamped to its bounds, and a choice is kept. Fixed values stay, and so does a
/// choice that other parameters' <c>when</c> depends on (redrawing it would switch them on or off).
/// </summary>
public static class PbtExplorer
{
    public static Dictionary<string, ParamValue> Explore(
        IReadOnlyDictionary<string, ParamValue> donor, IReadOnlyList<ParameterSpec> space, double resampleProbability, Random random)
    {
        var explored = new Dictionary<string, ParamValue>(donor);
        var parents = space.SelectMany(p => p.When).Select(condition => condition.Parameter).ToHashSet(StringComparer.Ordinal);
        foreach (var parameter in space)
        {
            if (!donor.TryGetValue(parameter.Name, out var value) || parameter.Kind == DistributionKind.Value || parents.Contains(parameter.Name))
            {
                continue; // inactive here, fixed, or deciding which others are active
            }

            // Both draws happen whatever the outcome, so one parameter's kind never shifts another's stream.
            var resample = random.NextDouble() < resampleProbability;
            var factor = random.NextDouble() < 0.5 ? 0.8 : 1.2;
            if (resample)
            {
                explored[parameter.Name] = ParameterSampler.Sample(parameter, random);
            }
            else if (parameter.Kind is DistributionKind.Uniform or DistributionKind.LogUniform && value.IsNumeric)
            {
                explored[parameter.Name] = ParamValue.Of(Math.Clamp(value.Number * factor, parameter.Low, parameter.High));
            }
            else if (parameter.Kind == DistributionKind.Int && value.IsNumeric)
            {
                var scaled = (long)Math.Round(value.Number * factor);
                if (scaled == (long)value.Number)
                {
                    scaled += factor > 1 ? 1 : -1; // a small integer must still move
                }

                explored[parameter.Name] = ParamValue.OfInteger(Math.Clamp(scaled, (long)parameter.Low, (long)parameter.High));
            }
        }

        return explored;
    }
}
