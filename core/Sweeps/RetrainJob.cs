namespace HyperSearch.Sweeps;

/// <summary>
/// <c>ensemble.retrain</c>: one of the sweep's best trials trained again after the search, on the
/// training and the validation images, for <see cref="Epochs"/> (the epoch its objective was best)
/// with its parameters and seed. Its checkpoint gives the ensemble a member that saw more data.
/// Immutable, like <see cref="TrialRecord"/>: the sweep replaces a job on every change.
/// </summary>
/// <param name="TrialNumber">The trial it retrains.</param>
/// <param name="Epochs">How many epochs it trains: the trial's best epoch.</param>
/// <param name="Status">Pending, Running, then Completed, Diverged, Failed or Cancelled.</param>
/// <param name="Attempt">Starts at 1; a lost or failed attempt is retried while attempts remain, from its newest resumable checkpoint when it saved one.</param>
/// <param name="Curve">Its epochs (training loss only: nothing is held out): those an attempt resumed from, then the current attempt's.</param>
/// <param name="Test">Test figures of the retrained model, by the trainer's names.</param>
/// <param name="CheckpointPath">Its checkpoint: weights of the last epoch and test probabilities.</param>
/// <param name="Message">For people: why it ended or was retried.</param>
/// <param name="StopRequested">The sweep was cancelled: stop at the next report.</param>
/// <param name="ResumePoints">The newest resumable checkpoints its attempts reported (at most two, newest last); null: none.</param>
/// <param name="AttemptFirstEpoch">The first epoch the current attempt reported; null until it reports.</param>
/// <param name="ResumedFrom">For each attempt that continued from a checkpoint, the epoch that checkpoint covered.</param>
[GenerateSerializer, Immutable, Alias("HyperSearch.RetrainJob")]
public sealed record class RetrainJob(
    [property: Id(0)] int TrialNumber,
    [property: Id(1)] int Epochs,
    [property: Id(2)] TrialStatus Status,
    [property: Id(3)] int Attempt,
    [property: Id(4)] string? SlotId = null,
    [property: Id(5)] EpochMetrics[]? Curve = null,
    [property: Id(6)] Dictionary<string, double>? Test = null,
    [property: Id(7)] string? CheckpointPath = null,
    [property: Id(8)] string? Message = null,
    [property: Id(9)] DateTime? StartedUtc = null,
    [property: Id(10)] DateTime? EndedUtc = null,
    [property: Id(11)] bool StopRequested = false,
    [property: Id(12)] ResumePoint[]? ResumePoints = null,
    [property: Id(13)] int? AttemptFirstEpoch = null,
    [property: Id(14)] int[]? ResumedFrom = null)
{
    /// <summary>Follows the trial id in keys, logs and artifact paths: <c>t003-retrain</c>.</summary>
    public const string Suffix = "-retrain";

    public string TrialId => TrialRecord.IdFor(TrialNumber);
}
