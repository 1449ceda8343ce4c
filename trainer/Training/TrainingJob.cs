namespace HyperSearch.Trainer.Training;

/// <summary>
/// Everything one training run needs. <see cref="Parameters"/> maps DESIGN.md's trainer parameter
/// names (lr, weight_decay, optimizer, momentum, batch_size, model, hidden, activation, dropout, ...)
/// to plain values: double, long, string, bool or long[]. Absent parameters take defaults.
/// </summary>
public sealed record class TrainingJob(
    string TrialId,
    IReadOnlyDictionary<string, object> Parameters,
    DataSetOptions Data,
    int MaxEpochs,
    int Seed);

/// <summary>Which data set to load and how to split it.</summary>
/// <param name="Name">fashion-mnist | mnist | synthetic</param>
/// <param name="Path">Directory holding the IDX files (gzip).</param>
/// <param name="TrainSubset">First N training images after the seeded shuffle (null: all that remain).</param>
/// <param name="Validation">Images held out of the training set for validation.</param>
/// <param name="SplitSeed">Seed of the shuffle that splits train and validation.</param>
public sealed record class DataSetOptions(
    string Name,
    string Path,
    int? TrainSubset,
    int Validation,
    int SplitSeed);

/// <summary>Figures of one finished epoch.</summary>
public sealed record class EpochReport(
    int Epoch,
    double TrainLoss,
    double ValLoss,
    double ValAccuracy,
    double SamplesPerSecond,
    double Seconds);

public enum EpochDirective
{
    Continue,
    Stop,
}

/// <summary>Receives progress on the training thread; its answer can stop the run after this epoch.</summary>
public interface ITrainingObserver
{
    EpochDirective OnEpoch(EpochReport report);
}

public enum TrainingOutcome
{
    /// <summary>Ran all epochs.</summary>
    Completed,

    /// <summary>The observer said stop (early stopping, cancel, lost lease).</summary>
    Stopped,

    /// <summary>The loss became NaN/Inf or exceeded 3x the initial loss.</summary>
    Diverged,
}

/// <summary>The end of a training run.</summary>
/// <param name="InitialLoss">Loss of the first minibatch before any update (about ln(classes) when healthy).</param>
/// <param name="Message">Why it diverged or was stopped; null when it completed.</param>
public sealed record class TrainingResult(
    TrainingOutcome Outcome,
    int EpochsTrained,
    double InitialLoss,
    EpochReport? LastEpoch,
    double? TestAccuracy,
    double? TestLoss,
    string? Message);
