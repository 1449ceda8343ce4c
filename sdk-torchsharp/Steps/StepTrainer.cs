using HyperSearch.Trainer.Data;

namespace HyperSearch.Sdk.TorchSharp;

/// <summary>
/// A TorchSharp trainer written as steps (<see cref="TrialSteps"/>: set up, train one epoch,
/// evaluate, save, load). The base class runs the epochs, reports them, keeps the best epoch's
/// ensemble files and test figures, saves epoch checkpoints when the sweep asks for them and
/// resumes from one: so a trial continues after a fault, a pause (ASHA's pause mode) or a PBT
/// exploit with no code of the plugin's own. Implement <see cref="ITrainer"/> directly for full control.
/// </summary>
/// <remarks>One instance trains several trials at once on different slots: keep per-trial state in the <see cref="TrialSteps"/>.</remarks>
public abstract class StepTrainer : ITrainer
{
    public abstract TrainerSchema Schema { get; }

    /// <summary>How <see cref="TorchTrial.Data"/> is preprocessed: standardize (the default), mean_image or none.</summary>
    protected virtual string Preprocess => Preprocessing.Standardize;

    public TrialResult Train(TrialContext context, IEpochReporter reporter)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(reporter);
        using var trial = TorchTrial.Open(context, Preprocess);
        using var steps = Start(trial);
        var goal = Schema.FindMetric(context.ObjectiveMetric)?.Goal ?? Schema.Metrics.FirstOrDefault()?.Goal ?? MetricGoal.Maximize;
        return new StepRun(trial, steps, reporter, goal).Execute();
    }

    /// <summary>Sets up one trial: reads its parameters, builds its model (<see cref="TorchTrial.CreateModel"/>) and optimizer.</summary>
    /// <exception cref="TrialConfigurationException">The parameters cannot work: the trial fails at once and is not retried.</exception>
    protected abstract TrialSteps Start(TorchTrial trial);
}
