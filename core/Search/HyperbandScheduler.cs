using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>
/// Hyperband, run asynchronously: each bracket of <see cref="HyperbandPlan"/> is an ASHA ladder
/// whose rungs are the bracket's rounds (bracket s judges at r_s · eta^i for i &lt; s; bracket 0
/// never stops a trial), with <see cref="PromotionRule"/> at each rung, so no slot waits for a
/// bracket to fill (as Ray Tune's AsyncHyperBand with several brackets). Trials are dealt to
/// brackets in proportion to the paper's n_s by a smooth weighted round-robin over trial numbers,
/// so every prefix of a sweep holds each bracket within one trial of its share, and a trial's
/// bracket depends only on its number.
/// </summary>
/// <remarks>In <see cref="SchedulerMode.Pause"/> each bracket pauses and promotes as the paper's ASHA (<see cref="AshaScheduler"/>).</remarks>
public sealed class HyperbandScheduler : ISearchScheduler
{
    private readonly RungSet[] _brackets;
    private readonly int[] _deal;

    public HyperbandScheduler(SweepSpec spec)
        : this(spec.Scheduler.GraceEpochs, spec.Scheduler.ReductionFactor, spec.Budget.MaxEpochs, spec.Scheduler.Mode)
    {
    }

    public HyperbandScheduler(int graceEpochs, int reductionFactor, int maxEpochs, SchedulerMode mode = SchedulerMode.Stop)
    {
        Brackets = HyperbandPlan.Brackets(graceEpochs, maxEpochs, reductionFactor);
        _brackets = Brackets.Select(b => new RungSet(b.Rungs, reductionFactor, mode == SchedulerMode.Pause)).ToArray();
        _deal = Deal(Brackets.Select(b => b.Trials).ToArray());
    }

    public IReadOnlyList<HyperbandBracket> Brackets { get; }

    /// <summary>The index into <see cref="Brackets"/> of the bracket trial <paramref name="trialNumber"/> runs in.</summary>
    public int BracketOf(int trialNumber) => _deal[trialNumber % _deal.Length];

    public SchedulerDecision OnReport(int trialNumber, int epoch, double objective) =>
        _brackets[BracketOf(trialNumber)].Report(trialNumber, epoch, objective);

    /// <summary>Each bracket's best promotable trial; of those, the one at the highest rung (the best on a tie).</summary>
    public int? NextPromotion(IReadOnlyDictionary<int, int> paused) =>
        paused.GroupBy(p => BracketOf(p.Key))
            .Select(group => _brackets[group.Key].NextPromotion(group.ToDictionary(p => p.Key, p => p.Value)))
            .OfType<(int Trial, int Rung, double Value)>()
            .OrderByDescending(pick => pick.Rung).ThenByDescending(pick => pick.Value).ThenBy(pick => pick.Trial)
            .Select(pick => (int?)pick.Trial)
            .FirstOrDefault();

    /// <summary>
    /// One cycle of the smooth weighted round-robin: each step every bracket gains its weight and
    /// the one with the most (the most aggressive on ties) is dealt a trial and pays the total.
    /// </summary>
    private static int[] Deal(int[] weights)
    {
        int total = weights.Sum();
        var credit = new long[weights.Length];
        var deal = new int[total];
        for (int step = 0; step < total; step++)
        {
            int pick = 0;
            for (int i = 0; i < weights.Length; i++)
            {
                credit[i] += weights[i];
                if (credit[i] > credit[pick])
                {
                    pick = i;
                }
            }

            credit[pick] -= total;
            deal[step] = pick;
        }

        return deal;
    }
}
