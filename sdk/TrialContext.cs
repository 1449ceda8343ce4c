namespace HyperSearch.Sdk;

/// <summary>Everything a trainer gets for one trial attempt.</summary>
/// <param name="TrialId">The trial and attempt, e.g. <c>sweep-id/t007#2</c>; for logs.</param>
/// <param name="Parameters">This trial's values, typed after the trainer's schema.</param>
/// <param name="MaxEpochs">Train at most this many epochs (the sweep may stop the trial earlier).</param>
/// <param name="Seed">Seed every random generator from this, so a trial is repeatable.</param>
/// <param name="Device"><c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>: the slot's device.</param>
/// <param name="CheckpointDirectory">
/// A directory of its own for this attempt, where the trainer may save its best epoch's model and the
/// class probabilities that let it join an ensemble (<see cref="EnsembleFiles"/>); null: save nothing.
/// </param>
/// <param name="ObjectiveMetric">The sweep's objective: the metric whose best epoch a checkpoint should keep.</param>
/// <param name="Data">The spec's <c>data:</c> section, or null when it has none.</param>
/// <param name="Cancellation">Fires when the silo shuts down: stop between batches; the attempt runs again elsewhere.</param>
public sealed record class TrialContext(
    string TrialId,
    TrialParameters Parameters,
    int MaxEpochs,
    int Seed,
    string Device,
    string? CheckpointDirectory,
    string ObjectiveMetric,
    DataSetReference? Data,
    CancellationToken Cancellation)
{
    /// <summary>
    /// A checkpoint an earlier attempt of this trial saved, checked whole: load it and continue
    /// with epoch <see cref="ResumeCheckpoint.Epoch"/> + 1 (reporting only the epochs after it).
    /// Null: start at epoch 1. A trainer that ignores it simply trains the trial again from the start.
    /// </summary>
    public ResumeCheckpoint? ResumeFrom { get; init; }

    /// <summary>
    /// Where to save resumable checkpoints (when <see cref="EpochCheckpoints.IsDue"/>), reporting
    /// each one's path in <see cref="EpochResult.ResumeCheckpoint"/>; null: the sweep keeps none.
    /// </summary>
    public EpochCheckpoints? Checkpoints { get; init; }

    /// <summary>
    /// Retraining an ensemble member after the search (<c>ensemble.retrain</c>): train on the
    /// training and the validation images of <see cref="Data"/> for exactly <see cref="MaxEpochs"/>
    /// epochs, and checkpoint the last epoch; report the training loss only (nothing is held out).
    /// Only the built-in trainer is given such trials.
    /// </summary>
    public bool ValidationInTraining { get; init; }

    /// <summary>
    /// <c>ensemble.snapshots</c>: besides the best epoch's checkpoint, keep the model at the end of
    /// each of the last N learning-rate cycles as an ensemble candidate, each in a directory of its
    /// own beside it, <c>CheckpointDirectory.snapshots/epoch-K/</c>, with the same files as the checkpoint. 0: none.
    /// The built-in trainer does it for <c>lr_schedule: cosine_restarts</c>; other trainers may ignore it.
    /// </summary>
    public int Snapshots { get; init; }
}

/// <summary>The spec's <c>data:</c> section: a built-in data set and how to split it.</summary>
/// <param name="Name">fashion-mnist | mnist | cifar10 | synthetic</param>
/// <param name="Path">The directory holding its files, as resolved on this silo.</param>
/// <param name="TrainSubset">First N training images after the seeded shuffle (null: all that remain).</param>
/// <param name="Validation">Images held out of the training set for validation.</param>
/// <param name="SplitSeed">Seed of the shuffle that splits train and validation.</param>
public sealed record class DataSetReference(string Name, string Path, int? TrainSubset, int Validation, int SplitSeed);
