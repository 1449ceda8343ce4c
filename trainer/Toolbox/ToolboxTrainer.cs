using HyperSearch.Sdk;
using HyperSearch.Trainer.Training;

namespace HyperSearch.Trainer.Toolbox;

/// <summary>
/// The built-in TorchSharp toolbox (MLP and CNN on the built-in data sets, with its optimizers,
/// schedules, augmentation and sanity checks) behind the SDK's trainer seam.
/// </summary>
public sealed class ToolboxTrainer : ITrainer
{
    public TrainerSchema Schema => ToolboxSchema.Schema;

    public TrialResult Train(TrialContext context, IEpochReporter reporter)
    {
        var data = context.Data ?? throw new TrialConfigurationException("data: the built-in trainer needs a data set");
        var job = new TrainingJob(
            context.TrialId,
            context.Parameters.Values,
            new DataSetOptions(data.Name, data.Path, data.TrainSubset, data.Validation, data.SplitSeed, context.ValidationInTraining),
            context.MaxEpochs,
            context.Seed)
        {
            Device = context.Device,
            CheckpointDirectory = context.CheckpointDirectory,
            CheckpointMetric = context.ObjectiveMetric,
            ResumeFrom = context.ResumeFrom,
            Checkpoints = context.Checkpoints,
            Snapshots = context.Snapshots,
        };
        var result = TrialTrainer.Run(job, new Observer(reporter, job.Retrain), context.Cancellation);
        var test = new Dictionary<string, double>();
        if (result.TestAccuracy is { } accuracy && result.TestLoss is { } loss)
        {
            test["test_accuracy"] = accuracy;
            test["test_loss"] = loss;
        }

        return new TrialResult(End(result.Outcome), result.EpochsTrained, result.Message)
        {
            InitialLoss = double.IsNaN(result.InitialLoss) ? null : result.InitialLoss,
            TestMetrics = test,
            Events = result.Events,
            CheckpointDirectory = result.Checkpoint?.Directory,
        };
    }

    private static TrialEnd End(TrainingOutcome outcome) => outcome switch
    {
        TrainingOutcome.Completed => TrialEnd.Completed,
        TrainingOutcome.Diverged => TrialEnd.Diverged,
        _ => TrialEnd.Stopped,
    };

    /// <param name="retrain">The validation images are training images: their figures would flatter, so only the training loss is reported.</param>
    private sealed class Observer(IEpochReporter reporter, bool retrain) : ITrainingObserver
    {
        public EpochDirective OnEpoch(EpochReport report)
        {
            var figures = retrain
                ? new Dictionary<string, double> { [ToolboxSchema.TrainLoss.Name] = report.TrainLoss }
                : ToolboxSchema.Figures(report.TrainLoss, report.ValLoss, report.ValAccuracy);
            var epoch = new EpochResult(report.Epoch, figures)
            {
                SamplesPerSecond = report.SamplesPerSecond,
                Seconds = report.Seconds,
                Diagnostics = report.Diagnostics,
                Events = report.Events,
                ResumeCheckpoint = report.ResumeCheckpoint,
            };
            return reporter.Report(epoch) == TrialDirective.Stop ? EpochDirective.Stop : EpochDirective.Continue;
        }
    }
}
