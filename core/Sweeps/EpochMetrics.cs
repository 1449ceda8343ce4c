namespace HyperSearch.Sweeps;

/// <summary>What a trainer reports at the end of each epoch (1-based).</summary>
[GenerateSerializer, Immutable, Alias("HyperSearch.EpochMetrics")]
public sealed record class EpochMetrics(
    [property: Id(0)] int Epoch,
    [property: Id(1)] double TrainLoss,
    [property: Id(2)] double ValLoss,
    [property: Id(3)] double ValAccuracy,
    [property: Id(4)] double SamplesPerSecond,
    [property: Id(5)] double Seconds)
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
