using HyperSearch.Sdk;
using HyperSearch.Sdk.TorchSharp;

namespace HyperSearchPlugin;

/// <summary>
/// The trainer a sweep names (<c>type: HyperSearchPlugin.PluginTrainer</c>): what it accepts and
/// reports. Its trials train in <see cref="PluginSteps"/>; the base class runs the epochs, keeps the
/// best one for ensembles, and checkpoints and resumes them.
/// </summary>
public sealed class PluginTrainer : StepTrainer
{
    public const string ValidationAccuracy = "val_acc";
    public const string ValidationLoss = "val_nll";
    public const string TrainLoss = "train_loss";
    public const string TestAccuracy = "test_acc";

    public override TrainerSchema Schema { get; } = new(
        PluginSettings.Parameters,
        [MetricDefinition.Maximize(ValidationAccuracy), MetricDefinition.Minimize(ValidationLoss), MetricDefinition.Minimize(TrainLoss)])
    {
        RequiresData = true,
    };

    protected override TrialSteps Start(TorchTrial trial) => new PluginSteps(trial, PluginSettings.From(trial.Context.Parameters));
}
