namespace HyperSearch.Search;

/// <summary>What a scheduler decides at an epoch report.</summary>
public enum SchedulerDecision
{
    Continue,
    Stop,
}

/// <summary>
/// Decides, at each epoch report, whether a running trial goes on (Ray Tune's TrialScheduler,
/// Optuna's Pruner). Deterministic for the same sequence of reports.
/// </summary>
public interface ISearchScheduler
{
    SchedulerDecision OnReport(int trialNumber, int epoch, double objective);
}
