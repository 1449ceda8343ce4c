using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>
/// Population Based Training, asynchronous as Ray Tune's PopulationBasedTraining: the population is
/// the sweep's trials; every <c>interval_epochs</c> a trial is compared with the others that have
/// reached the same epoch, and one in the bottom quantile copies (exploits) the checkpoint of a
/// trial in the top quantile and perturbs (explores) that trial's parameters (<see cref="PbtExplorer"/>).
/// With more trials than slots, trials take turns: the sweep pauses a trial at each interval while
/// others wait, and resumes the paused trial that is furthest behind (<see cref="NextPromotion"/>).
/// Deterministic: the donor and the perturbation are drawn from the sweep seed, the trial and the epoch.
/// </summary>
public sealed class PbtScheduler : ISearchScheduler
{
    private readonly int _seed;
    private readonly Dictionary<int, Dictionary<int, double>> _scores = [];

    public PbtScheduler(SweepSpec spec)
        : this(spec.Scheduler.IntervalEpochs, spec.Scheduler.Quantile, spec.Scheduler.ResampleProbability, spec.Search.Seed, spec.Space)
    {
    }

    public PbtScheduler(int intervalEpochs, double quantile, double resampleProbability, int seed, IReadOnlyList<ParameterSpec> space)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalEpochs, 1);
        IntervalEpochs = intervalEpochs;
        Quantile = quantile;
        ResampleProbability = resampleProbability;
        Space = space;
        _seed = seed;
    }

    public int IntervalEpochs { get; }

    public double Quantile { get; }

    public double ResampleProbability { get; }

    public IReadOnlyList<ParameterSpec> Space { get; }

    public bool PromotesBeforeNewTrials => false;

    public bool IsInterval(int epoch) => epoch % IntervalEpochs == 0;

    public bool ExchangesAt(int epoch) => IsInterval(epoch);

    /// <summary>Exploit, then explore: the donor's checkpoint with its parameters perturbed; null when the trial keeps its own.</summary>
    public PopulationExchange? Exchange(int trialNumber, int epoch, IReadOnlySet<int> donors, Func<int, IReadOnlyDictionary<string, Spec.ParamValue>> parametersOf) =>
        Exploit(trialNumber, epoch, donors) is { } donor
            ? new PopulationExchange(donor, Explore(trialNumber, epoch, parametersOf(donor)))
            : null;

    /// <summary>Records the objective at interval epochs (by trial and epoch, so a replay or a re-run replaces); never stops a trial itself.</summary>
    public SchedulerDecision OnReport(int trialNumber, int epoch, double objective)
    {
        if (IsInterval(epoch))
        {
            if (!_scores.TryGetValue(epoch, out var atEpoch))
            {
                _scores[epoch] = atEpoch = [];
            }

            atEpoch[trialNumber] = objective;
        }

        return SchedulerDecision.Continue;
    }

    /// <summary>The paused trial furthest behind (the lowest number on a tie): the population advances together.</summary>
    public int? NextPromotion(IReadOnlyDictionary<int, int> paused) =>
        paused.Count == 0 ? null : paused.OrderBy(p => p.Value).ThenBy(p => p.Key).First().Key;

    /// <summary>
    /// At an interval epoch: the trial whose checkpoint <paramref name="trialNumber"/> should continue
    /// from, when it ranks in the bottom quantile of the trials that reached <paramref name="epoch"/>;
    /// null when it does not, or when no top-quantile trial is in <paramref name="donors"/> (those with
    /// a checkpoint of that epoch).
    /// </summary>
    public int? Exploit(int trialNumber, int epoch, IReadOnlySet<int> donors)
    {
        if (!IsInterval(epoch) || !_scores.TryGetValue(epoch, out var atEpoch) || !atEpoch.ContainsKey(trialNumber))
        {
            return null;
        }

        // Best first; ties by trial number, so the order is a function of the results alone.
        var ranked = atEpoch.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Select(p => p.Key).ToList();
        var cut = (int)Math.Floor(ranked.Count * Quantile);
        if (cut == 0 || ranked.IndexOf(trialNumber) < ranked.Count - cut)
        {
            return null;
        }

        var candidates = ranked.Take(cut).Where(donors.Contains).ToList();
        return candidates.Count == 0 ? null : candidates[RandomFor(trialNumber, epoch).Next(candidates.Count)];
    }

    /// <summary>The donor's parameters, explored for <paramref name="trialNumber"/> at <paramref name="epoch"/>.</summary>
    public Dictionary<string, Spec.ParamValue> Explore(int trialNumber, int epoch, IReadOnlyDictionary<string, Spec.ParamValue> donor)
    {
        var random = RandomFor(trialNumber, epoch);
        random.Next(); // the donor's draw (Exploit) came first from the same stream
        return PbtExplorer.Explore(donor, Space, ResampleProbability, random);
    }

    private Random RandomFor(int trialNumber, int epoch) => new(SeedMixer.Mix(SeedMixer.Mix(_seed, trialNumber), epoch));
}
