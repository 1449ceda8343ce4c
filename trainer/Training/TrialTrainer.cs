using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Models;
using HyperSearch.Trainer.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Training;

/// <summary>Trains one trial to the end, to a stop, or to divergence.</summary>
public static class TrialTrainer
{
    // Model weights come from torch's process-wide generator; holding this while seeding and
    // building keeps concurrent jobs from drawing from each other's sequence. (Dropout draws from
    // it too, during training: concurrent jobs with dropout are not bit-for-bit repeatable.)
    private static readonly Lock SeedGate = new();

    /// <summary>
    /// Runs <paramref name="job"/> synchronously on the calling thread (TorchSharp's dispose scopes
    /// and grad mode are per thread), reporting each epoch to <paramref name="observer"/>.
    /// </summary>
    /// <exception cref="InvalidTrainingConfigException">A parameter is unknown, mistyped or out of range.</exception>
    /// <exception cref="DataSetException">The data is missing, corrupt or cannot be split as asked.</exception>
    /// <exception cref="TorchRuntimeException">TorchSharp could not be loaded.</exception>
    public static TrainingResult Run(TrainingJob job, ITrainingObserver observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(observer);
        var config = TrainingConfig.Parse(job.Parameters);
        if (job.MaxEpochs < 1)
        {
            throw new InvalidTrainingConfigException($"max_epochs must be at least 1 (got {job.MaxEpochs})");
        }

        TorchRuntime.EnsureInitializedOnThisThread();
        var data = DataSets.Prepare(job.Data);
        using var model = CreateModel(config, data, job.Seed);
        using var optimizer = OptimizerFactory.Create(config, model.parameters());
        using var shuffle = new Generator((ulong)job.Seed);
        var run = new TrialRun(job, config, data, model, optimizer, shuffle, observer, cancellationToken);
        return run.Execute();
    }

    private static nn.Module<Tensor, Tensor> CreateModel(TrainingConfig config, PreparedDataSet data, int seed)
    {
        lock (SeedGate)
        {
            random.manual_seed(seed);
            return ModelFactory.Create(config, data.FeatureCount, data.Classes);
        }
    }
}
