namespace HyperSearch.Sdk;

/// <summary>
/// Trains one trial of a sweep. HyperSearch's built-in TorchSharp toolbox, its simulated trainer and a
/// user's plugin all implement this; the sweep validates <c>space:</c> and <c>objective:</c> against
/// <see cref="Schema"/> before anything runs.
/// </summary>
/// <remarks>
/// <see cref="Train"/> runs synchronously on a thread of its own (one per trainer slot), never in a
/// grain turn: TorchSharp's dispose scopes and grad mode are per thread. One instance may train
/// several trials at once on different slots, so keep per-trial state inside <see cref="Train"/>.
/// A plugin type needs a public parameterless constructor.
/// </remarks>
public interface ITrainer
{
    /// <summary>The parameters it accepts and the metrics it reports.</summary>
    TrainerSchema Schema { get; }

    /// <summary>
    /// Trains the trial in <paramref name="context"/>, calling <paramref name="reporter"/> once per
    /// finished epoch and ending early when it answers <see cref="TrialDirective.Stop"/> or the
    /// context's cancellation token fires.
    /// </summary>
    /// <exception cref="TrialConfigurationException">
    /// The parameters, data or device cannot work: the trial fails at once and is not retried.
    /// Any other exception fails this attempt and the sweep retries it.
    /// </exception>
    TrialResult Train(TrialContext context, IEpochReporter reporter);
}
