using HyperSearch.Sweeps;

namespace HyperSearch.Ensembles;

/// <summary>Which trials may join a sweep's ensemble (and, with <c>ensemble.retrain</c>, be retrained).</summary>
public static class EnsembleCandidates
{
    /// <summary>
    /// Completed and pruned trials that saved a checkpoint: under ASHA or Hyperband most trials end
    /// pruned, some after many epochs and nearly as good as the best, and selection judges every
    /// candidate on the same validation images, so a weak one is simply not chosen. Diverged,
    /// failed and cancelled trials never join.
    /// </summary>
    public static bool MayJoin(TrialRecord trial) =>
        trial.Status is TrialStatus.Completed or TrialStatus.Pruned && trial.CheckpointPath is not null;
}
