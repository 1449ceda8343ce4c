namespace HyperSearch.Sdk;

/// <summary>How one trial attempt ended.</summary>
/// <param name="EpochsTrained">Epochs fully trained and reported.</param>
/// <param name="Message">Why it diverged or stopped; null when it completed.</param>
public sealed record class TrialResult(TrialEnd End, int EpochsTrained, string? Message = null)
{
    /// <summary>Data loss of the first minibatch before any update (about ln(classes) when healthy); null if not measured.</summary>
    public double? InitialLoss { get; init; }

    /// <summary>Held-out test figures of the final (or best) model, e.g. test_accuracy and test_loss.</summary>
    public IReadOnlyDictionary<string, double> TestMetrics { get; init; } = new Dictionary<string, double>();

    /// <summary>Every sanity-check event of the run, in order.</summary>
    public IReadOnlyList<TrialEvent> Events { get; init; } = [];

    /// <summary>
    /// The checkpoint directory written (normally <see cref="TrialContext.CheckpointDirectory"/>);
    /// null when none was. With the <see cref="EnsembleFiles"/> in it the trial can join an ensemble.
    /// </summary>
    public string? CheckpointDirectory { get; init; }
}

/// <summary>How a run ended, from the trainer's side.</summary>
public enum TrialEnd
{
    /// <summary>Ran every epoch.</summary>
    Completed,

    /// <summary>The reporter said stop, or the cancellation token fired.</summary>
    Stopped,

    /// <summary>The loss became NaN/Inf or exceeded 3x the initial loss.</summary>
    Diverged,
}
