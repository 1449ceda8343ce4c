using HyperSearch.Sdk;
using HyperSearch.Spec;

namespace HyperSearch.Sweeps;

/// <summary>A trial handed to a trainer slot, valid while the slot heartbeats within <see cref="LeaseDuration"/>.</summary>
/// <param name="Data">The spec's data section; null when its trainer loads its own data.</param>
/// <param name="ObjectiveMetric">The sweep's objective metric: the trainer checkpoints the epoch best at it.</param>
/// <param name="Trainer">The spec's plugin; null: the silo's built-in trainer.</param>
/// <param name="ResumeFrom">
/// Checkpoints an earlier attempt of this trial saved, newest first: the trainer continues from the
/// first one that reads back whole (or an older sibling of it); null or empty: start at epoch 1.
/// </param>
/// <param name="CheckpointEvery">Save a resumable checkpoint every this many epochs; 0: save none.</param>
/// <param name="ValidationInTraining">
/// Retraining for the ensemble: train on the training and the validation images for exactly
/// <paramref name="MaxEpochs"/> epochs and checkpoint the last one (there is nothing left to validate on).
/// </param>
/// <param name="Snapshots">Keep the model at the end of each of the last N learning-rate cycles too (<c>ensemble.snapshots</c>); 0: none.</param>
[GenerateSerializer, Immutable, Alias("HyperSearch.TrialLease")]
public sealed record class TrialLease(
    [property: Id(0)] TrialKey Key,
    [property: Id(1)] Dictionary<string, ParamValue> Parameters,
    [property: Id(2)] DataSpec? Data,
    [property: Id(3)] int MaxEpochs,
    [property: Id(4)] int Seed,
    [property: Id(5)] TimeSpan LeaseDuration,
    [property: Id(6)] string? ObjectiveMetric = null,
    [property: Id(7)] TrainerSpec? Trainer = null,
    [property: Id(8)] ResumePoint[]? ResumeFrom = null,
    [property: Id(9)] int CheckpointEvery = 0,
    [property: Id(10)] bool ValidationInTraining = false,
    [property: Id(11)] int Snapshots = 0);

/// <summary>The sweep's answer to a heartbeat or epoch report.</summary>
public enum LeaseDirective
{
    Continue,

    /// <summary>Stop after this epoch: pruned, cancelled, over time, or the lease was lost.</summary>
    Stop,
}

/// <summary>How a trainer's run of one attempt ended.</summary>
public enum TrialOutcome
{
    /// <summary>All epochs ran.</summary>
    Completed,

    /// <summary>Stopped early because the sweep said so.</summary>
    Stopped,

    /// <summary>The loss broke <see cref="DivergenceRule"/>: NaN or infinite, or too far above where it started.</summary>
    Diverged,

    /// <summary>An error; retried while attempts remain unless <see cref="TrialFinish.Retryable"/> is false.</summary>
    Failed,
}

/// <summary>A trainer's final word on one attempt.</summary>
/// <param name="Test">Held-out test figures by the trainer's names (test_accuracy, test_loss, ...); null when none.</param>
/// <param name="Events">Sanity-check events of the whole run (initial loss, divergence, update ratios).</param>
/// <param name="CheckpointPath">
/// Directory in the artifact store holding the best epoch's weights, preprocessing, configuration and
/// class probabilities; null when none was written. Checkpoints never travel through grain calls.
/// </param>
/// <remarks>Fields 1 (fixed test figures) and 5 (events as text) are retired.</remarks>
[GenerateSerializer, Immutable, Alias("HyperSearch.TrialFinish")]
public sealed record class TrialFinish(
    [property: Id(0)] TrialOutcome Outcome,
    [property: Id(7)] Dictionary<string, double>? Test,
    [property: Id(2)] double? InitialLoss,
    [property: Id(3)] string? Message,
    [property: Id(4)] bool Retryable,
    [property: Id(8)] TrialEvent[]? Events = null,
    [property: Id(6)] string? CheckpointPath = null);
