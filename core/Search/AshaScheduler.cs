using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>
/// Asynchronous successive halving (ASHA): rungs at grace · eta^k epochs below max_epochs; a trial
/// reaching a rung continues only if it ranks in the top 1/eta of the results recorded there so
/// far (<see cref="PromotionRule"/>), else it is stopped (pruned). No trial ever waits for a rung
/// to fill.
/// </summary>
/// <remarks>
/// In <see cref="SchedulerMode.Pause"/> it is the paper's ASHA (Li et al. 2020, Algorithm 2): a
/// trial not in the top floor(n/eta) of its rung pauses, and is promoted later, from its
/// checkpoint, when results arriving after it make it promotable (<see cref="NextPromotion"/>).
/// </remarks>
public sealed class AshaScheduler : ISearchScheduler
{
    private readonly RungSet _rungs;

    public AshaScheduler(SweepSpec spec)
        : this(spec.Scheduler.GraceEpochs, spec.Scheduler.ReductionFactor, spec.Budget.MaxEpochs, spec.Scheduler.Mode)
    {
    }

    public AshaScheduler(int graceEpochs, int reductionFactor, int maxEpochs, SchedulerMode mode = SchedulerMode.Stop)
    {
        _rungs = new RungSet(Milestones(graceEpochs, reductionFactor, maxEpochs), reductionFactor, mode == SchedulerMode.Pause);
    }

    public IReadOnlyList<int> Rungs => _rungs.Milestones;

    /// <summary>grace · eta^k for k = 0, 1, ... while below <paramref name="maxEpochs"/>: a trial at max_epochs is done, not judged.</summary>
    public static IReadOnlyList<int> Milestones(int graceEpochs, int reductionFactor, int maxEpochs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(graceEpochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(reductionFactor, 2);
        var milestones = new List<int>();
        for (long epoch = graceEpochs; epoch < maxEpochs; epoch *= reductionFactor)
        {
            milestones.Add((int)epoch);
        }

        return milestones;
    }

    public SchedulerDecision OnReport(int trialNumber, int epoch, double objective) => _rungs.Report(trialNumber, epoch, objective);

    public int? NextPromotion(IReadOnlyDictionary<int, int> paused) => _rungs.NextPromotion(paused)?.Trial;
}
