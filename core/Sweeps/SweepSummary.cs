namespace HyperSearch.Sweeps;

/// <summary>
/// What a watcher (the console's progress view, the explorer) needs of a sweep at one moment, without
/// its trial table: a few hundred bytes however many trials the sweep has. <see cref="Version"/>
/// grows with every change to the trial table, so a watcher fetches trials only when it moved.
/// </summary>
/// <param name="Counts">Trials by status, indexed by <see cref="TrialStatus"/>.</param>
/// <param name="FirstOpen">Every trial numbered below this one has finished: a watcher's copies of them are final.</param>
/// <param name="BestTrial">The best trial's number (<see cref="SweepSnapshot.Best"/>), or null.</param>
/// <param name="Parent">The sweep this one refines (<c>parent:</c> in its spec); null: none.</param>
/// <param name="RetrainCounts">Retraining jobs (<c>ensemble.retrain</c>) by status, indexed like <paramref name="Counts"/>; null before retraining starts.</param>
[GenerateSerializer, Immutable, Alias("HyperSearch.SweepSummary")]
public sealed record class SweepSummary(
    [property: Id(0)] string SweepId,
    [property: Id(1)] string Name,
    [property: Id(2)] SweepStatus Status,
    [property: Id(3)] SweepEndReason? EndReason,
    [property: Id(4)] long Version,
    [property: Id(5)] int TrialBudget,
    [property: Id(6)] int TrialCount,
    [property: Id(7)] int[] Counts,
    [property: Id(8)] int EpochsTrained,
    [property: Id(9)] int? EpochBudget,
    [property: Id(10)] TimeSpan? TimeLimit,
    [property: Id(11)] DateTime CreatedUtc,
    [property: Id(12)] DateTime? FinishedUtc,
    [property: Id(13)] string? ObjectiveMetric,
    [property: Id(14)] bool Maximize,
    [property: Id(15)] int? BestTrial,
    [property: Id(16)] double? BestValue,
    [property: Id(17)] int FirstOpen,
    [property: Id(18)] string? StoreProblem = null,
    [property: Id(19)] int[]? RetrainCounts = null,
    [property: Id(20)] string? Parent = null)
{
    public int Count(TrialStatus status) => (int)status < Counts.Length ? Counts[(int)status] : 0;

    public int Finished => TrialCount - Count(TrialStatus.Pending) - Count(TrialStatus.Running);

    /// <summary>As <see cref="SweepSnapshot.IsFinished"/>: the sweep ended and no trial is still open.</summary>
    public bool IsFinished => Status is SweepStatus.Completed or SweepStatus.Cancelled && Finished == TrialCount && RetrainsOpen == 0;

    /// <summary>Retraining jobs queued or running.</summary>
    public int RetrainsOpen => RetrainCounts is { } counts ? counts[(int)TrialStatus.Pending] + counts[(int)TrialStatus.Running] : 0;

    /// <summary>Trials still to run: pending ones, and while the sweep runs, those the budget has not created yet.</summary>
    public int Queued => Count(TrialStatus.Pending) + (Status == SweepStatus.Running ? Math.Max(0, TrialBudget - TrialCount) : 0);
}
