namespace HyperSearch.Trainer.Training;

/// <summary>
/// The epochs after which a trial keeps a snapshot (<c>ensemble.snapshots: N</c>): the last N
/// cycle ends of a <c>cosine_restarts</c> schedule that fall on whole epochs within the run, where
/// the learning rate has annealed to near 0 (Huang et al. 2017, "Snapshot Ensembles"). Other
/// schedules have no cycles, so none.
/// </summary>
public static class SnapshotEpochs
{
    public static IReadOnlySet<int> Of(LearningRateSchedule schedule, int snapshots)
    {
        if (snapshots < 1 || schedule.Kind != LearningRateSchedule.CosineRestarts)
        {
            return new HashSet<int>();
        }

        return schedule.CycleEnds()
            .Select(end => schedule.WarmupEpochs + end)
            .Where(epoch => Math.Abs(epoch - Math.Round(epoch)) < 1e-9 && Math.Round(epoch) <= schedule.TotalEpochs)
            .Select(epoch => (int)Math.Round(epoch))
            .TakeLast(snapshots)
            .ToHashSet();
    }
}
