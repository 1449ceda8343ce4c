using HyperSearch.Sdk;

namespace HyperSearch.Sweeps;

/// <summary>What a trainer reports at the end of each epoch (1-based).</summary>
/// <param name="Values">The trainer's metrics by the names its schema declares (val_accuracy, val_loss, val_top1, ...).</param>
/// <param name="Diagnostics">
/// Figures that are not objectives: the learning rate ("lr") and each layer's update-to-weight ratio
/// ("update_ratio.fc1", healthy near 1e-3). Null from trainers that send none.
/// </param>
/// <param name="Events">Sanity-check events raised during this epoch (initial loss far from ln(classes), ...).</param>
/// <param name="ResumeCheckpoint">
/// The resumable checkpoint the trainer saved after this epoch (a directory in the artifact store), or
/// null: the sweep hands it to the trial's next attempt if this one is lost.
/// </param>
/// <remarks>Fields 1-3 (fixed train/val loss and accuracy) and 7 (events as text) are retired.</remarks>
[GenerateSerializer, Immutable, Alias("HyperSearch.EpochMetrics")]
public sealed record class EpochMetrics(
    [property: Id(0)] int Epoch,
    [property: Id(8)] Dictionary<string, double> Values,
    [property: Id(4)] double SamplesPerSecond,
    [property: Id(5)] double Seconds,
    [property: Id(6)] Dictionary<string, double>? Diagnostics = null,
    [property: Id(9)] TrialEvent[]? Events = null,
    [property: Id(10)] string? ResumeCheckpoint = null)
{
    /// <summary>The value of <paramref name="metric"/>, or null when this epoch did not report it.</summary>
    public double? Get(string metric) => Values.TryGetValue(metric, out var value) ? value : null;
}
