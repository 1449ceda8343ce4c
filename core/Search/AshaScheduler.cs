using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>
/// Asynchronous successive halving (ASHA): rungs at grace · eta^k epochs below max_epochs; a trial
/// reaching a rung continues only if it ranks in the top 1/eta of the results recorded there so
/// far (<see cref="PromotionRule"/>), else it is stopped (pruned). No trial ever waits for a rung
/// to fill.
/// </summary>
public sealed class AshaScheduler : ISearchScheduler
{
    private readonly RungSet _rungs;

    public AshaScheduler(SweepSpec spec)
        : this(spec.Scheduler.GraceEpochs, spec.Scheduler.ReductionFactor, spec.Budget.MaxEpochs)
    {
    }

    public AshaScheduler(int graceEpochs, int reductionFactor, int maxEpochs)
    {
        _rungs = new RungSet(Milestones(graceEpochs, reductionFactor, maxEpochs), reductionFactor);
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
}
