using HyperSearch.Sdk;

namespace HyperSearch.Trainer.Training;

/// <summary>
/// Everything one training run needs. <see cref="Parameters"/> maps docs/design.md's trainer parameter
/// names (lr, weight_decay, optimizer, momentum, batch_size, model, hidden, activation, dropout, ...)
/// to plain values: double, long, string, bool or long[]. Absent parameters take defaults.
/// </summary>
public sealed record class TrainingJob(
    string TrialId,
    IReadOnlyDictionary<string, object> Parameters,
    DataSetOptions Data,
    int MaxEpochs,
    int Seed)
{
    /// <summary>auto | cpu | cuda | cuda:N (see <see cref="TrainingDevice"/>); the silo's slot decides it.</summary>
    public string Device { get; init; } = TrainingDevice.Cpu;

    /// <summary>
    /// Where to write the checkpoint (best epoch's weights, preprocessing, configuration, class
    /// probabilities): a directory of its own for this attempt. Null: no checkpoint.
    /// </summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>What "best epoch" means for the checkpoint: val_accuracy (highest) or val_loss (lowest).</summary>
    public string CheckpointMetric { get; init; } = "val_accuracy";

    /// <summary>
    /// With <c>lr_schedule: cosine_restarts</c>: also write the model at the end of each of the
    /// last N cycles, like the checkpoint, into <c>CheckpointDirectory.snapshots/epoch-K/</c>
    /// (<see cref="SnapshotEpochs"/>, <see cref="Checkpoints.SnapshotDirectories"/>); 0: none.
    /// </summary>
    public int Snapshots { get; init; }

    /// <summary>A checked resumable checkpoint of this trial to continue from; null: start at epoch 1.</summary>
    public ResumeCheckpoint? ResumeFrom { get; init; }

    /// <summary>Where to save resumable checkpoints; null: none.</summary>
    public EpochCheckpoints? Checkpoints { get; init; }

    /// <summary>
    /// Retraining for an ensemble (<see cref="DataSetOptions.ValidationInTraining"/>): the validation
    /// images are training images, so no epoch is "best" by them; the checkpoint keeps the last.
    /// </summary>
    public bool Retrain => Data.ValidationInTraining;
}

/// <summary>Figures of one finished epoch.</summary>
/// <param name="TrainLoss">Mean minibatch loss, L1 penalty included.</param>
public sealed record class EpochReport(
    int Epoch,
    double TrainLoss,
    double ValLoss,
    double ValAccuracy,
    double SamplesPerSecond,
    double Seconds)
{
    /// <summary>
    /// Figures that are no objective: "lr" (the rate at the epoch's last step) and
    /// "update_ratio.LAYER" (‖Δw‖/‖w‖ of the epoch's last step per weight layer; healthy near 1e-3).
    /// </summary>
    public IReadOnlyDictionary<string, double> Diagnostics { get; init; } = new Dictionary<string, double>();

    /// <summary>Sanity-check events raised during this epoch.</summary>
    public IReadOnlyList<TrialEvent> Events { get; init; } = [];

    /// <summary>The resumable checkpoint saved after this epoch; null when none was.</summary>
    public string? ResumeCheckpoint { get; init; }
}

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

    /// <summary>The loss broke <see cref="DivergenceRule"/>: NaN or infinite, or too far above the initial loss.</summary>
    Diverged,
}

/// <summary>The end of a training run.</summary>
/// <param name="InitialLoss">Data loss of the first minibatch before any update (about ln(classes) when healthy).</param>
/// <param name="TestAccuracy">Of the model the trial keeps: its checkpoint's (the best validation epoch's) when it wrote one, else the final model's.</param>
/// <param name="Message">Why it diverged or was stopped; null when it completed.</param>
public sealed record class TrainingResult(
    TrainingOutcome Outcome,
    int EpochsTrained,
    double InitialLoss,
    EpochReport? LastEpoch,
    double? TestAccuracy,
    double? TestLoss,
    string? Message)
{
    /// <summary>Every sanity-check event of the run, in order.</summary>
    public IReadOnlyList<TrialEvent> Events { get; init; } = [];

    /// <summary>The checkpoint written (see <see cref="TrainingJob.CheckpointDirectory"/>); null when none was.</summary>
    public CheckpointSummary? Checkpoint { get; init; }
}
