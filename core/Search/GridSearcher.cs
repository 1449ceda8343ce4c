using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>
/// Grid search: every combination of the parameters' grid values (<see cref="GridValues"/>), in
/// declaration order with the first parameter varying slowest. A conditional parameter is only
/// expanded where its condition holds, so no configuration appears twice. Trial N gets
/// configuration N, decoded directly from counts, so the grid is never materialized and a sweep
/// that restarts asks for any trial number in any order.
/// </summary>
public sealed class GridSearcher : ISearcher
{
    private readonly ParameterSpec[] _space;
    private readonly ParamValue[][] _values;
    private readonly GridCounter _counter;

    public GridSearcher(SweepSpec spec)
        : this(spec.Space, spec.Search.GridPoints)
    {
    }

    public GridSearcher(IReadOnlyList<ParameterSpec> space, int gridPoints)
    {
        _space = space.ToArray();
        _values = _space.Select(parameter => GridValues.For(parameter, gridPoints)).ToArray();
        _counter = new GridCounter(_space, _values);
        Size = _counter.CountFrom(0, NoneChosen());
    }

    /// <summary>How many configurations the grid holds (saturates at <see cref="long.MaxValue"/>).</summary>
    public long Size { get; }

    /// <summary>The grid size for a spec, e.g. to compare with <c>budget.trials</c>.</summary>
    public static long Count(SweepSpec spec) => new GridSearcher(spec).Size;

    public Suggestion Suggest(int trialNumber, IReadOnlyList<PendingTrial> inFlight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trialNumber);
        if (trialNumber >= Size)
        {
            return Suggestion.Exhausted;
        }

        // Walk the parameters in order; at each active one, skip whole sub-grids until the one
        // that holds the remaining index.
        int[] chosen = NoneChosen();
        long rest = trialNumber;
        for (int level = 0; level < _space.Length; level++)
        {
            if (!_counter.IsActive(level, chosen))
            {
                continue;
            }

            for (int v = 0; v < _values[level].Length; v++)
            {
                chosen[level] = v;
                long below = _counter.CountFrom(level + 1, chosen);
                if (rest < below)
                {
                    break;
                }

                rest -= below;
            }
        }

        var configuration = new Dictionary<string, ParamValue>(StringComparer.Ordinal);
        for (int level = 0; level < _space.Length; level++)
        {
            if (chosen[level] >= 0)
            {
                configuration[_space[level].Name] = _values[level][chosen[level]];
            }
        }

        return Suggestion.Of(configuration, ProposalSource.Grid);
    }

    /// <summary>A grid does not adapt to results.</summary>
    public void Observe(TrialObservation observation)
    {
    }

    private int[] NoneChosen() => Enumerable.Repeat(-1, _space.Length).ToArray();
}
