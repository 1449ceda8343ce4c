using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>
/// Random search: each trial draws every active parameter independently. Trial N's configuration
/// depends only on (seed, N), so proposals survive restarts and can be asked for in any order.
/// </summary>
public sealed class RandomSearcher : ISearcher
{
    private readonly ParameterSpec[] _space;
    private readonly int _seed;

    public RandomSearcher(SweepSpec spec)
        : this(spec.Space, spec.Search.Seed)
    {
    }

    public RandomSearcher(IReadOnlyList<ParameterSpec> space, int seed)
    {
        _space = space.ToArray();
        _seed = seed;
    }

    public Suggestion Suggest(int trialNumber, IReadOnlyList<PendingTrial> inFlight) => Suggestion.Of(Draw(_space, _seed, trialNumber));

    /// <summary>
    /// Trial <paramref name="trialNumber"/>'s random draw from <paramref name="space"/>: every
    /// active parameter independently, from a stream fixed by (seed, trial number).
    /// </summary>
    public static Dictionary<string, ParamValue> Draw(IReadOnlyList<ParameterSpec> space, int seed, int trialNumber)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trialNumber);
        return Draw(space, new Random(SeedMixer.Mix(seed, trialNumber)));
    }

    /// <summary>A random draw from <paramref name="space"/>: every active parameter independently, from <paramref name="random"/>.</summary>
    internal static Dictionary<string, ParamValue> Draw(IReadOnlyList<ParameterSpec> space, Random random)
    {
        var chosen = new Dictionary<string, ParamValue>(StringComparer.Ordinal);
        foreach (var parameter in space)
        {
            // Declaration order matters: a condition names an earlier parameter, chosen by now.
            if (parameter.IsActive(chosen))
            {
                chosen[parameter.Name] = ParameterSampler.Sample(parameter, random);
            }
        }

        return chosen;
    }

    /// <summary>Random search learns nothing from results.</summary>
    public void Observe(TrialObservation observation)
    {
    }
}
