namespace HyperSearch.Sdk;

/// <summary>One finished epoch.</summary>
/// <param name="Epoch">1-based.</param>
/// <param name="Metrics">
/// The figures the objective and the ranked table read, by the names the schema declares (any
/// names). A metric whose name ends in <c>loss</c> is watched for divergence
/// (<see cref="DivergenceRule"/>, against its first value) unless the trainer watches it itself.
/// </param>
public sealed record class EpochResult(int Epoch, IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>Training throughput, for the slot gauges (0: not measured).</summary>
    public double SamplesPerSecond { get; init; }

    /// <summary>Wall time of the epoch, training and evaluation.</summary>
    public double Seconds { get; init; }

    /// <summary>Figures that are no objective: "lr", "update_ratio.LAYER" (healthy near 1e-3).</summary>
    public IReadOnlyDictionary<string, double> Diagnostics { get; init; } = new Dictionary<string, double>();

    /// <summary>Sanity-check events raised during this epoch.</summary>
    public IReadOnlyList<TrialEvent> Events { get; init; } = [];

    /// <summary>
    /// The resumable checkpoint saved after this epoch (<see cref="EpochCheckpoints.Save"/>'s
    /// answer), or null: if this attempt is lost, the next one continues from the newest reported.
    /// </summary>
    public string? ResumeCheckpoint { get; init; }
}
