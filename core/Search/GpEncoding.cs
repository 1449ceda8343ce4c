using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>
/// How the Gaussian process sees a configuration: a point in the unit cube. A range parameter is
/// one coordinate, its position in its own scale (log for log-uniform) mapped to [0, 1]; a choice
/// is one coordinate per option (one-hot); fixed values take none. A parameter that is inactive
/// (its <c>when</c> does not hold) sits at 0.5 (a range) or all zeros (a choice), the same for every
/// trial where it is inactive, so such trials are close to each other in those coordinates.
/// </summary>
internal sealed class GpEncoding
{
    private readonly ParameterSpec[] _space;
    private readonly int[] _offsets;

    public GpEncoding(IReadOnlyList<ParameterSpec> space)
    {
        _space = space.ToArray();
        _offsets = new int[_space.Length];
        int next = 0;
        for (int i = 0; i < _space.Length; i++)
        {
            _offsets[i] = next;
            next += Width(_space[i]);
        }

        Dimensions = next;
    }

    public int Dimensions { get; }

    public double[] Encode(IReadOnlyDictionary<string, ParamValue> parameters)
    {
        var x = new double[Dimensions];
        for (int i = 0; i < _space.Length; i++)
        {
            var parameter = _space[i];
            bool present = parameters.TryGetValue(parameter.Name, out var value);
            switch (parameter.Kind)
            {
                case DistributionKind.Choice:
                    int option = present ? Array.FindIndex(parameter.Options, o => o.SameAs(value!)) : -1;
                    if (option >= 0)
                    {
                        x[_offsets[i] + option] = 1;
                    }

                    break;
                case DistributionKind.Uniform or DistributionKind.LogUniform or DistributionKind.Int:
                    x[_offsets[i]] = present && value!.IsNumeric ? Unit(parameter, value.Number) : 0.5;
                    break;
            }
        }

        return x;
    }

    private static int Width(ParameterSpec parameter) => parameter.Kind switch
    {
        DistributionKind.Choice => parameter.Options.Length,
        DistributionKind.Value => 0,
        _ => 1,
    };

    private static double Unit(ParameterSpec parameter, double value)
    {
        double low = ParameterScale.ToScale(parameter, parameter.Low);
        double high = ParameterScale.ToScale(parameter, parameter.High);
        return high > low ? Math.Clamp((ParameterScale.ToScale(parameter, value) - low) / (high - low), 0, 1) : 0.5;
    }
}
