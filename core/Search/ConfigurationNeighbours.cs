using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>
/// Draws configurations near a given one, for searching an acquisition function locally: each
/// active range parameter moves by a Gaussian step of <c>scale</c> times its range (in its own
/// scale), each choice switches to another option with probability <c>scale</c>, and a parameter
/// that becomes active is drawn afresh. Conditions are applied in declaration order, as in a draw.
/// </summary>
internal static class ConfigurationNeighbours
{
    public static Dictionary<string, ParamValue> Near(
        IReadOnlyList<ParameterSpec> space, IReadOnlyDictionary<string, ParamValue> centre, double scale, Random random)
    {
        var chosen = new Dictionary<string, ParamValue>(StringComparer.Ordinal);
        foreach (var parameter in space)
        {
            if (!parameter.IsActive(chosen))
            {
                continue;
            }

            bool known = centre.TryGetValue(parameter.Name, out var value);
            chosen[parameter.Name] = parameter.Kind switch
            {
                DistributionKind.Value => parameter.Options[0],
                DistributionKind.Choice when known && random.NextDouble() >= scale => value!,
                DistributionKind.Choice => ParameterSampler.Sample(parameter, random),
                _ when known && value!.IsNumeric => Step(parameter, value.Number, scale, random),
                _ => ParameterSampler.Sample(parameter, random),
            };
        }

        return chosen;
    }

    private static ParamValue Step(ParameterSpec parameter, double value, double scale, Random random)
    {
        double low = ParameterScale.ToScale(parameter, parameter.Low);
        double high = ParameterScale.ToScale(parameter, parameter.High);
        double position = ParameterScale.ToScale(parameter, Math.Clamp(value, parameter.Low, parameter.High));
        double moved = Math.Clamp(position + (GaussianMath.StandardNormal(random) * scale * (high - low)), low, high);
        return parameter.Kind == DistributionKind.Int
            ? ParamValue.OfInteger((long)Math.Clamp(Math.Round(moved), parameter.Low, parameter.High))
            : ParamValue.Of(Math.Clamp(ParameterScale.FromScale(parameter, moved), parameter.Low, parameter.High));
    }
}
