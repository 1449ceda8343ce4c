using HyperSearch.Sdk;
using HyperSearch.Sdk.TorchSharp;

namespace HyperSearch.Examples.Residual;

/// <summary>
/// A HyperSearch trainer plugin: a small residual CNN (<see cref="ResidualNet"/>) trained with AdamW
/// on the spec's data set, written on the step-shaped base class, so its trials resume from epoch
/// checkpoints after a fault, under ASHA's pause mode and under PBT. A sweep names it with
/// <c>trainer: { plugin: bin/Release/net10.0/ResidualTrainer.dll, type: HyperSearch.Examples.Residual.ResidualTrainer }</c>.
/// </summary>
public sealed class ResidualTrainer : StepTrainer
{
    /// <summary>Validation top-1 accuracy, the default objective.</summary>
    public const string ValidationTop1 = "val_top1";

    /// <summary>Validation negative log-likelihood (mean cross-entropy, without label smoothing).</summary>
    public const string ValidationNll = "val_nll";

    /// <summary>Mean training loss of the epoch; its name ends in "loss", so the sweep watches it for divergence.</summary>
    public const string TrainLoss = "train_loss";

    public const string TestTop1 = "test_top1";
    public const string TestNll = "test_nll";

    public override TrainerSchema Schema { get; } = new(
        ResidualSettings.Parameters,
        [MetricDefinition.Maximize(ValidationTop1), MetricDefinition.Minimize(ValidationNll), MetricDefinition.Minimize(TrainLoss)])
    {
        RequiresData = true,
    };

    protected override TrialSteps Start(TorchTrial trial) => new ResidualSteps(trial, ResidualSettings.From(trial.Context.Parameters));
}
