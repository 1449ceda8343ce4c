namespace HyperSearch.Sdk.TorchSharp;

/// <summary>
/// One trial's training in steps, for <see cref="StepTrainer"/>: the constructor sets up (model,
/// optimizer), then the base class calls <see cref="TrainEpoch"/> and <see cref="Evaluate"/> once
/// per epoch, <see cref="Save"/> when an epoch checkpoint is due, and <see cref="Load"/> instead of
/// the first epochs when the attempt resumes (after a fault, a pause, or a PBT exploit of another
/// trial's checkpoint).
/// </summary>
public abstract class TrialSteps : IDisposable
{
    /// <summary>Trains one epoch (1-based); returns its training figures by the schema's metric names, e.g. the mean loss.</summary>
    /// <remarks>
    /// Check <see cref="TorchTrial.Cancellation"/> between batches and throw <see cref="OperationCanceledException"/>
    /// when it fires. A non-finite figure ends the trial as diverged.
    /// </remarks>
    public abstract IReadOnlyDictionary<string, double> TrainEpoch(int epoch);

    /// <summary>Scores the model after an epoch; returns its validation figures by the schema's metric names.</summary>
    public abstract IReadOnlyDictionary<string, double> Evaluate(int epoch);

    /// <summary>
    /// Called when an epoch beats the best so far on the sweep's objective: the validation and test
    /// predictions that let the trial join an ensemble, and the test figures the trial reports.
    /// Null (the default): the trial saves no ensemble files and reports no test figures.
    /// </summary>
    public virtual BestEpochOutputs? Predict() => null;

    /// <summary>
    /// Writes everything the next epochs depend on into <paramref name="directory"/> (empty):
    /// the model's weights and buffers, the optimizer's state. File names that start with
    /// <c>hypersearch.</c> are the base class's. The shuffling generator is saved for you.
    /// </summary>
    public abstract void Save(string directory);

    /// <summary>
    /// Loads what <see cref="Save"/> wrote, into the objects the constructor built from this
    /// attempt's parameters. Under PBT the files may come from another trial with other
    /// parameters: re-apply this trial's (the learning rate, say) after loading an optimizer's state.
    /// </summary>
    public abstract void Load(string directory);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
