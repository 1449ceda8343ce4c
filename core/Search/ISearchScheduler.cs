using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>What a scheduler decides at an epoch report.</summary>
public enum SchedulerDecision
{
    Continue,
    Stop,

    /// <summary>Stop for now, keeping the trial's checkpoint: it may be promoted later (<see cref="ISearchScheduler.NextPromotion"/>).</summary>
    Pause,
}

/// <summary>
/// Decides, at each epoch report, whether a running trial goes on (Ray Tune's TrialScheduler,
/// Optuna's Pruner). Deterministic for the same sequence of reports. The sweep reports every epoch
/// it records (also the last one, and ones of trials already told to stop); after a restart it
/// reports all recorded epochs again, so a scheduler keys what it keeps by trial and epoch, and a
/// report it has seen before only replaces the value (a trial run again after a lost lease reports
/// its epochs anew).
/// </summary>
/// <remarks>
/// Besides the verdict, two optional hooks, so the sweep never asks which scheduler it holds: one
/// for schedulers that pause trials and promote them later (ASHA and Hyperband in pause mode, PBT
/// taking turns), one for schedulers that move a trial onto another's checkpoint (PBT). The
/// defaults are those of a scheduler that does neither.
/// </remarks>
public interface ISearchScheduler
{
    /// <param name="trialNumber">The trial.</param>
    /// <param name="epoch">1-based.</param>
    /// <param name="objective">The epoch's objective oriented so that larger is better (a minimized metric negated, NaN as negative infinity).</param>
    SchedulerDecision OnReport(int trialNumber, int epoch, double objective);

    /// <summary>
    /// The paused trial to promote now, or null: among <paramref name="paused"/> (trial number ->
    /// the epoch it paused at). The sweep asks whenever a slot wants work; a scheduler that never
    /// pauses has nothing to promote.
    /// </summary>
    int? NextPromotion(IReadOnlyDictionary<int, int> paused) => null;

    /// <summary>Whether a slot resumes a paused trial before it starts a new one (ASHA) or after (PBT: the population first).</summary>
    bool PromotesBeforeNewTrials => true;

    /// <summary>
    /// Whether <paramref name="epoch"/> is one where trials compare themselves with the population
    /// (PBT's interval): there a trial may take another's checkpoint (<see cref="Exchange"/>), or
    /// pause so that trials waiting behind it get a turn.
    /// </summary>
    bool ExchangesAt(int epoch) => false;

    /// <summary>
    /// At an epoch where <see cref="ExchangesAt"/> holds: the trial <paramref name="trialNumber"/>
    /// continues from and the parameters it continues with, or null when it keeps its own.
    /// <paramref name="donors"/> are the trials with a checkpoint of that epoch, and
    /// <paramref name="parametersOf"/> reads a donor's parameters.
    /// </summary>
    PopulationExchange? Exchange(int trialNumber, int epoch, IReadOnlySet<int> donors, Func<int, IReadOnlyDictionary<string, ParamValue>> parametersOf) => null;
}
