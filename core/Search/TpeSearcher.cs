using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>
/// The Tree-structured Parzen Estimator (Bergstra et al. 2011; Optuna's TPESampler). The first
/// <see cref="TpeSettings.StartupTrials"/> trials are random (the same draws as
/// <see cref="RandomSearcher"/>). After that <see cref="TpeHistory"/> splits what is known into good
/// and bad sets (finished trials, compared at the deepest epoch enough of them reached; trials in
/// flight as bad, the constant liar), and for each group of parameters a density l(x) is fitted to
/// the good configurations and g(x) to the bad ones (<see cref="ParzenMixture"/>); of
/// <see cref="TpeSettings.Candidates"/> draws from l the one with the highest l(x)/g(x) is taken.
/// <para>Groups: independent TPE models each parameter alone; multivariate TPE models the
/// unconditional parameters jointly, then each set of conditional parameters that the same
/// conditions activate, jointly, on the trials where they were active (the "tree"). Groups are
/// decided in declaration order, so a condition always reads values already chosen.</para>
/// </summary>
public sealed class TpeSearcher : ISearcher
{
    private readonly ParameterSpec[] _space;
    private readonly List<ParameterSpec[]> _groups;
    private readonly int _seed;
    private readonly TpeSettings _settings;
    private readonly Dictionary<int, TrialObservation> _observed = [];

    public TpeSearcher(SweepSpec spec)
        : this(spec.Space, spec.Search.Seed, spec.Search.Tpe)
    {
    }

    public TpeSearcher(IReadOnlyList<ParameterSpec> space, int seed, int startupTrials)
        : this(space, seed, new TpeSettings(StartupTrials: startupTrials))
    {
    }

    public TpeSearcher(IReadOnlyList<ParameterSpec> space, int seed, TpeSettings settings)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(settings.StartupTrials);
        _space = space.ToArray();
        _seed = seed;
        _settings = settings;
        _groups = settings.Multivariate ? GroupsByCondition(_space) : _space.Select(p => new[] { p }).ToList();
    }

    public Suggestion Suggest(int trialNumber, IReadOnlyList<PendingTrial> inFlight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trialNumber);

        // Until two results are in there is no good/bad split to learn from.
        int verdicts = _observed.Values.Count(o => o.Objective is not null);
        if (trialNumber < _settings.StartupTrials || verdicts < 2)
        {
            return Suggestion.Of(RandomSearcher.Draw(_space, _seed, trialNumber), ProposalSource.Random);
        }

        int modelled = _space.Count(p => p.Kind != DistributionKind.Value);
        var (good, bad) = TpeHistory.Split(_observed.Values, inFlight, modelled, _settings);
        var random = new Random(SeedMixer.Mix(_seed, trialNumber));
        var chosen = new Dictionary<string, ParamValue>(StringComparer.Ordinal);
        foreach (var group in _groups)
        {
            var active = group.Where(p => p.IsActive(chosen)).ToArray();
            foreach (var fixedValue in active.Where(p => p.Kind == DistributionKind.Value))
            {
                chosen[fixedValue.Name] = fixedValue.Options[0];
            }

            var modelledHere = active.Where(p => p.Kind != DistributionKind.Value).ToArray();
            if (modelledHere.Length > 0)
            {
                Choose(modelledHere, good, bad, random, chosen);
            }
        }

        return Suggestion.Of(chosen, ProposalSource.Model);
    }

    public void Observe(TrialObservation observation) => _observed.TryAdd(observation.TrialNumber, observation);

    /// <summary>Fits l and g over <paramref name="group"/> and writes the best of the candidates drawn from l into <paramref name="chosen"/>.</summary>
    private void Choose(ParameterSpec[] group, List<WeightedPoint> good, List<WeightedPoint> bad, Random random, Dictionary<string, ParamValue> chosen)
    {
        var dimensions = group.Select(TpeDimension.For).ToArray();
        var l = new ParzenMixture(dimensions, Positions(dimensions, good), _settings.Multivariate, _settings.BandwidthUnits);
        var g = new ParzenMixture(dimensions, Positions(dimensions, bad), _settings.Multivariate, _settings.BandwidthUnits);
        double[] best = l.Sample(random);
        double bestScore = l.LogDensity(best) - g.LogDensity(best);
        for (int i = 1; i < TpeSettings.Candidates; i++)
        {
            double[] candidate = l.Sample(random);
            double score = l.LogDensity(candidate) - g.LogDensity(candidate);
            if (score > bestScore)
            {
                (best, bestScore) = (candidate, score);
            }
        }

        for (int d = 0; d < dimensions.Length; d++)
        {
            chosen[group[d].Name] = dimensions[d].ToValue(best[d]);
        }
    }

    /// <summary>The points that have every dimension of the group (a conditional group learns only from trials where it was active).</summary>
    private static List<(double[] Position, double Weight)> Positions(TpeDimension[] dimensions, List<WeightedPoint> points)
    {
        var positions = new List<(double[], double)>(points.Count);
        foreach (var point in points)
        {
            var position = new double[dimensions.Length];
            bool complete = true;
            for (int d = 0; d < dimensions.Length && complete; d++)
            {
                double? value = dimensions[d].Read(point.Parameters);
                complete = value is not null;
                position[d] = value ?? 0;
            }

            if (complete)
            {
                positions.Add((position, point.Weight));
            }
        }

        return positions;
    }

    /// <summary>Parameters that the same conditions activate form one group, ordered by their first parameter's declaration.</summary>
    private static List<ParameterSpec[]> GroupsByCondition(ParameterSpec[] space) =>
        space
            .Select((parameter, index) => (parameter, index))
            .GroupBy(p => ConditionKey(p.parameter))
            .OrderBy(g => g.Min(p => p.index))
            .Select(g => g.Select(p => p.parameter).ToArray())
            .ToList();

    private static string ConditionKey(ParameterSpec parameter) =>
        string.Join(";", parameter.When
            .OrderBy(c => c.Parameter, StringComparer.Ordinal)
            .Select(c => c.Parameter + "=" + string.Join(",", c.Values.Select(v => v.ToString()).Order(StringComparer.Ordinal))));
}
