using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Explorer.Charts;

/// <summary>The quantities charts plot: a trial's parameter or its objective, and an axis for either.</summary>
public sealed class TrialValues(SweepSpec spec, IReadOnlyList<TrialRecord> trials)
{
    public SweepSpec Spec { get; } = spec;

    public IReadOnlyList<TrialRecord> Trials { get; } = trials;

    public string Objective => Spec.Objective.Metric;

    /// <summary>The trial's last reported objective, when it is a number.</summary>
    public double? ObjectiveOf(TrialRecord trial) => trial.ObjectiveValue(Spec.Objective) is { } v && double.IsFinite(v) ? v : null;

    /// <summary>Trials with an objective value: the ones a chart coloured by it can place.</summary>
    public IEnumerable<TrialRecord> WithValue => Trials.Where(t => ObjectiveOf(t) is not null);

    public ChartAxis AxisFor(string name) => name == Objective
        ? ChartAxis.Numeric(Objective, WithValue.Select(t => ObjectiveOf(t)!.Value))
        : Spec.Space.FirstOrDefault(p => p.Name == name) is { } parameter
            ? ChartAxis.For(parameter, Trials.Select(t => t.Parameters.GetValueOrDefault(name)).OfType<ParamValue>())
            : throw new ArgumentException($"no parameter '{name}' in the sweep's space");

    public double? Fraction(ChartAxis axis, TrialRecord trial, string name) => name == Objective
        ? ObjectiveOf(trial) is { } v ? axis.Fraction(v) : null
        : trial.Parameters.TryGetValue(name, out var value) ? axis.Fraction(value) : null;

    /// <summary>Where the trial's objective lies between the worst (0) and the best (1) value seen: its colour.</summary>
    public Func<TrialRecord, double> Goodness()
    {
        var values = WithValue.Select(t => ObjectiveOf(t)!.Value).ToList();
        var (low, high) = values.Count == 0 ? (0.0, 1.0) : (values.Min(), values.Max());
        var maximize = Spec.Objective.Mode == ObjectiveMode.Max;
        return trial =>
        {
            if (ObjectiveOf(trial) is not { } v || high <= low)
            {
                return 0.5;
            }

            var t = (v - low) / (high - low);
            return maximize ? t : 1 - t;
        };
    }

    /// <summary>
    /// At most <paramref name="max"/> trials, for the charts that only give an impression (parallel
    /// coordinates, each parameter against the objective): the best tenth of them, then an even
    /// stride through the rest. All of them when there are no more.
    /// </summary>
    public TrialValues Sample(int max)
    {
        if (Trials.Count <= max)
        {
            return this;
        }

        var goodness = Goodness();
        var best = WithValue.OrderByDescending(goodness).Take(max / 10).ToHashSet();
        var rest = Trials.Where(t => !best.Contains(t)).ToList();
        var stride = (double)rest.Count / (max - best.Count);
        var sampled = Enumerable.Range(0, max - best.Count).Select(i => rest[(int)(i * stride)]);
        return new TrialValues(Spec, best.Concat(sampled).OrderBy(t => t.Number).ToList());
    }

    /// <summary>Parameters that vary in this sweep (fixed values make empty axes).</summary>
    public IReadOnlyList<string> Varying => Spec.Space.Where(p => p.Kind != DistributionKind.Value).Select(p => p.Name).ToList();

    /// <summary>Numeric parameters, loguniform first: the default scatter is cs231n's lr x regularization.</summary>
    public IReadOnlyList<string> Numeric => Spec.Space
        .Where(p => p.Kind is DistributionKind.Uniform or DistributionKind.LogUniform or DistributionKind.Int)
        .OrderBy(p => p.Kind == DistributionKind.LogUniform ? 0 : 1)
        .Select(p => p.Name).ToList();
}
