namespace HyperSearch.Sweeps;

/// <summary>What a trainer reports at the end of each epoch (1-based).</summary>
/// <param name="Diagnostics">
/// Figures that are not objectives: the learning rate ("lr") and each layer's update-to-weight ratio
/// ("update_ratio.fc1", healthy near 1e-3). Null from trainers that send none.
/// </param>
/// <param name="Events">Sanity-check events raised during this epoch (initial loss far from ln(classes), ...).</param>
[GenerateSerializer, Immutable, Alias("HyperSearch.EpochMetrics")]
public sealed record class EpochMetrics(
    [property: Id(0)] int Epoch,
    [property: Id(1)] double TrainLoss,
    [property: Id(2)] double ValLoss,
    [property: Id(3)] double ValAccuracy,
    [property: Id(4)] double SamplesPerSecond,
    [property: Id(5)] double Seconds,
    [property: Id(6)] Dictionary<string, double>? Diagnostics = null,
    [property: Id(7)] string[]? Events = null)
{
    /// <summary>The value of an objective metric name (val_accuracy, val_loss).</summary>
    public double Get(string metric) => metric switch
    {
        "val_accuracy" => ValAccuracy,
        "val_loss" => ValLoss,
        "train_loss" => TrainLoss,
        _ => throw new ArgumentException($"unknown metric '{metric}'", nameof(metric)),
    };
}
