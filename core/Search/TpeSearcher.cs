using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>
/// The Tree-structured Parzen Estimator (Bergstra et al. 2011, "Algorithms for Hyper-Parameter
/// Optimization"), as hyperopt implements it. The first <c>startup_trials</c> trials are random
/// (the same draws as <see cref="RandomSearcher"/>). After that the observations are ranked
/// (<see cref="ObservationRanking"/>) and split: the best ceil(gamma · n) are "good", the rest
/// "bad". For each active parameter, in declaration order, a density l(x) is fitted to the good
/// trials' values and g(x) to the bad ones' (<see cref="ParzenEstimator"/> in log space for
/// log-uniform, quantized for int; <see cref="CategoricalEstimator"/> for choices); of
/// <see cref="Candidates"/> draws from l the one with the highest l(x)/g(x) is taken. A conditional
/// parameter is fitted only on the trials where it was active, which is how the "tree" works.
/// Running trials are ignored (no constant liar): two trials proposed with the same observations
/// differ by their random draws, which the seed stream of each trial number keeps apart.
/// </summary>
public sealed class TpeSearcher : ISearcher
{
    /// <summary>The share of observations that counts as good.</summary>
    public const double Gamma = 0.25;

    /// <summary>Draws from l(x) per parameter, of which the best l/g is taken (hyperopt's default).</summary>
    public const int Candidates = 24;

    private readonly ParameterSpec[] _space;
    private readonly int _seed;
    private readonly int _startupTrials;
    private readonly Dictionary<int, TrialObservation> _observed = [];

    public TpeSearcher(SweepSpec spec)
        : this(spec.Space, spec.Search.Seed, spec.Search.StartupTrials)
    {
    }

    public TpeSearcher(IReadOnlyList<ParameterSpec> space, int seed, int startupTrials)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startupTrials);
        _space = space.ToArray();
        _seed = seed;
        _startupTrials = startupTrials;
    }

    public Suggestion Suggest(int trialNumber)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trialNumber);
        var ranked = ObservationRanking.BestFirst(_observed.Values);

        // Until two results are in there is no good/bad split to learn from.
        if (trialNumber < _startupTrials || ranked.Count < 2)
        {
            return Suggestion.Of(RandomSearcher.Draw(_space, _seed, trialNumber));
        }

        int goodCount = Math.Max(1, (int)Math.Ceiling(Gamma * ranked.Count));
        var good = ranked.Take(goodCount).ToList();
        var bad = ranked.Skip(goodCount).ToList();
        var random = new Random(SeedMixer.Mix(_seed, trialNumber));
        var chosen = new Dictionary<string, ParamValue>(StringComparer.Ordinal);
        foreach (var parameter in _space)
        {
            if (parameter.IsActive(chosen))
            {
                chosen[parameter.Name] = Choose(parameter, good, bad, random);
            }
        }

        return Suggestion.Of(chosen);
    }

    public void Observe(TrialObservation observation) => _observed.TryAdd(observation.TrialNumber, observation);

    private static ParamValue Choose(ParameterSpec parameter, List<TrialObservation> good, List<TrialObservation> bad, Random random) => parameter.Kind switch
    {
        DistributionKind.Value => parameter.Options[0],
        DistributionKind.Choice => ChooseOption(parameter, good, bad, random),
        _ => ChooseNumber(parameter, good, bad, random),
    };

    private static ParamValue ChooseOption(ParameterSpec parameter, List<TrialObservation> good, List<TrialObservation> bad, Random random)
    {
        var l = new CategoricalEstimator(OptionIndices(parameter, good), parameter.Options.Length);
        var g = new CategoricalEstimator(OptionIndices(parameter, bad), parameter.Options.Length);
        int best = BestCandidate(() => l.Sample(random), option => l.LogProbability(option) - g.LogProbability(option));
        return parameter.Options[best];
    }

    private static ParamValue ChooseNumber(ParameterSpec parameter, List<TrialObservation> good, List<TrialObservation> bad, Random random)
    {
        bool isInt = parameter.Kind == DistributionKind.Int;

        // An int range is a continuous one quantized: [lo - 0.5, hi + 0.5] gives each integer the same width.
        double half = isInt ? 0.5 : 0;
        double low = ParameterScale.ToScale(parameter, parameter.Low) - half;
        double high = ParameterScale.ToScale(parameter, parameter.High) + half;
        var l = new ParzenEstimator(Values(parameter, good), low, high);
        var g = new ParzenEstimator(Values(parameter, bad), low, high);
        if (isInt)
        {
            double best = BestCandidate(
                () => Math.Clamp(Math.Round(l.Sample(random)), parameter.Low, parameter.High),
                x => l.LogProbability(x - 0.5, x + 0.5) - g.LogProbability(x - 0.5, x + 0.5));
            return ParamValue.OfInteger((long)best);
        }

        double position = BestCandidate(() => l.Sample(random), x => l.LogDensity(x) - g.LogDensity(x));
        return ParamValue.Of(Math.Clamp(ParameterScale.FromScale(parameter, position), parameter.Low, parameter.High));
    }

    /// <summary>Of <see cref="Candidates"/> draws, the first with the highest score (expected improvement grows with l/g).</summary>
    private static T BestCandidate<T>(Func<T> draw, Func<T, double> score)
    {
        T best = draw();
        double bestScore = score(best);
        for (int i = 1; i < Candidates; i++)
        {
            T candidate = draw();
            double candidateScore = score(candidate);
            if (candidateScore > bestScore)
            {
                (best, bestScore) = (candidate, candidateScore);
            }
        }

        return best;
    }

    private static IEnumerable<int> OptionIndices(ParameterSpec parameter, List<TrialObservation> observations) =>
        observations
            .Select(o => o.Parameters.TryGetValue(parameter.Name, out var value) ? Array.FindIndex(parameter.Options, option => option.SameAs(value)) : -1)
            .Where(index => index >= 0);

    /// <summary>The values of trials where the parameter was active, in its scale, kept inside the range.</summary>
    private static IEnumerable<double> Values(ParameterSpec parameter, List<TrialObservation> observations) =>
        observations
            .Select(o => o.Parameters.TryGetValue(parameter.Name, out var value) && value.IsNumeric ? value.Number : double.NaN)
            .Where(v => !double.IsNaN(v) && v >= parameter.Low && v <= parameter.High)
            .Select(v => ParameterScale.ToScale(parameter, v));
}
