namespace HyperSearch.Search;

/// <summary>What a scheduler decides at an epoch report.</summary>
public enum SchedulerDecision
{
    Continue,
    Stop,

    /// <summary>Stop for now, keeping the trial's checkpoint: it may be promoted later (<see cref="IPausingScheduler"/>).</summary>
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
public interface ISearchScheduler
{
    /// <param name="trialNumber">The trial.</param>
    /// <param name="epoch">1-based.</param>
    /// <param name="objective">The epoch's objective oriented so that larger is better (a minimized metric negated, NaN as negative infinity).</param>
    SchedulerDecision OnReport(int trialNumber, int epoch, double objective);
}
