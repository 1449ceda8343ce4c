using HyperSearch.Spec;

namespace HyperSearch.Sweeps;

/// <summary>
/// Everything a sweep persists. The searcher and scheduler are not stored: they are rebuilt from
/// the spec and the trial table (their inputs), which keeps the state small and version-tolerant.
/// </summary>
/// <remarks>
/// Field 6 (the end reason as text) is retired for <see cref="EndReason"/> (field 12); a state stored
/// before keeps its status but reads with no end reason.
/// </remarks>
[GenerateSerializer, Alias("HyperSearch.SweepState")]
public sealed class SweepState
{
    [Id(0)] public string SweepId { get; set; } = "";

    [Id(1)] public SweepSpec? Spec { get; set; }

    [Id(2)] public SweepStatus Status { get; set; } = SweepStatus.Created;

    [Id(3)] public List<TrialRecord> Trials { get; set; } = [];

    [Id(4)] public DateTime CreatedUtc { get; set; }

    [Id(5)] public DateTime? FinishedUtc { get; set; }

    /// <summary>Why the sweep ended; null while it has not. With <c>ensemble.retrain</c>, set when the search ends, before retraining.</summary>
    [Id(12)] public SweepEndReason? EndReason { get; set; }

    /// <summary>Every epoch any attempt reported, including attempts that were later lost.</summary>
    [Id(7)] public int EpochsTrained { get; set; }

    /// <summary>The searcher answered "none left".</summary>
    [Id(8)] public bool SearchExhausted { get; set; }

    /// <summary>How many trials have finished; gives each its <see cref="TrialRecord.FinishOrder"/>.</summary>
    [Id(9)] public int FinishedCount { get; set; }

    [Id(10)] public int LeaseExpiries { get; set; }

    /// <summary>
    /// <c>ensemble.retrain</c>: the best trials retrained on training + validation data once the
    /// search ended; null until then (and for sweeps that do not retrain).
    /// </summary>
    [Id(13)] public List<RetrainJob>? Retrains { get; set; }

    /// <summary>Earlier sweeps' trials this sweep's searcher observes first (<c>warm_start:</c>), chosen once when it started; null: none.</summary>
    [Id(14)] public List<WarmObservation>? WarmStart { get; set; }

    /// <summary>Grows with every change worth persisting (heartbeats excluded).</summary>
    [Id(11)] public long Revision { get; set; }

    /// <summary>
    /// A shallow copy with an empty trial table: what the sweep grain stores apart from the trials,
    /// which it keeps in pages so that a write costs what changed, not the whole table.
    /// </summary>
    public SweepState CopyWithoutTrials()
    {
        var copy = (SweepState)MemberwiseClone();
        copy.Trials = [];
        copy.Retrains = Retrains?.ToList(); // its own list: the stored copy must not change under a write
        return copy;
    }
}
