using HyperSearch.Sdk;
using HyperSearch.Trainer.Plugins;

namespace HyperSearch.Examples.Residual;

/// <summary>
/// A HyperSearch trainer plugin: a small residual CNN (<see cref="ResidualNet"/>) trained with AdamW
/// on the spec's data set. A sweep names it with
/// <c>trainer: { plugin: bin/Release/net10.0/ResidualTrainer.dll, type: HyperSearch.Examples.Residual.ResidualTrainer }</c>.
/// </summary>
public sealed class ResidualTrainer : ITrainer
{
    /// <summary>Validation top-1 accuracy, the default objective.</summary>
    public const string ValidationTop1 = "val_top1";

    /// <summary>Validation negative log-likelihood (mean cross-entropy, without label smoothing).</summary>
    public const string ValidationNll = "val_nll";

    /// <summary>Mean training loss of the epoch; its name ends in "loss", so the sweep watches it for divergence.</summary>
    public const string TrainLoss = "train_loss";

    public const string TestTop1 = "test_top1";
    public const string TestNll = "test_nll";

    public TrainerSchema Schema { get; } = new(
        ResidualSettings.Parameters,
        [MetricDefinition.Maximize(ValidationTop1), MetricDefinition.Minimize(ValidationNll), MetricDefinition.Minimize(TrainLoss)])
    {
        RequiresData = true,
    };

    public TrialResult Train(TrialContext context, IEpochReporter reporter)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(reporter);
        var settings = ResidualSettings.From(context.Parameters);
        // First: it loads TorchSharp on this thread, which every later torch call needs.
        var device = PluginDevice.Resolve(context);
        var data = PluginData.Load(context);
        var goal = Schema.FindMetric(context.ObjectiveMetric)?.Goal ?? MetricGoal.Maximize;
        using var run = new ResidualRun(context, settings, data, device, goal);
        return run.Execute(reporter);
    }
}
