using HyperSearch.Sdk;
using HyperSearch.Sdk.TorchSharp;

namespace HyperSearch.Trainer.Tests.Steps;

/// <summary>A plugin-shaped trainer on the step base class: an MLP with Adam, reporting its learning rate as a metric.</summary>
public sealed class TinyStepTrainer : StepTrainer
{
    public override TrainerSchema Schema { get; } = new(
        [ParameterDefinition.Real("lr", min: 0, max: 1, minInclusive: false)],
        [MetricDefinition.Maximize("val_acc"), MetricDefinition.Minimize("val_loss"), MetricDefinition.Minimize("train_loss")])
    {
        RequiresData = true,
    };

    protected override TrialSteps Start(TorchTrial trial) => new TinySteps(trial, trial.Context.Parameters.Real("lr", 3e-3));
}
