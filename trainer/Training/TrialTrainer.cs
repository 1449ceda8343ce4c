using HyperSearch.Sdk.TorchSharp;
using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Models;
using HyperSearch.Trainer.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Training;

/// <summary>Trains one trial to the end, to a stop, or to divergence.</summary>
public static class TrialTrainer
{
    /// <summary>
    /// Runs <paramref name="job"/> synchronously on the calling thread (TorchSharp's dispose scopes
    /// and grad mode are per thread), reporting each epoch to <paramref name="observer"/>.
    /// </summary>
    /// <exception cref="InvalidTrainingConfigException">A parameter is unknown, mistyped or out of range.</exception>
    /// <exception cref="DataSetException">The data is missing, corrupt or cannot be split as asked.</exception>
    /// <exception cref="DeviceUnavailableException">The job asks for a GPU this process does not have.</exception>
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
        var device = TrainingDevice.Resolve(job.Device);
        var data = DataSets.Prepare(job.Data, config.Preprocess);
        using var model = CreateModel(config, data.Shape, data.Classes, job.Seed, device);
        using var optimizer = OptimizerFactory.Create(config, model.parameters());
        using var run = new TrialRun(job, config, data, model, optimizer, device, observer, cancellationToken);
        return run.Execute();
    }

    /// <summary>
    /// Builds a model from torch's process-wide generator seeded with <paramref name="seed"/>, holding
    /// the gate of <see cref="SeededModels"/> so concurrent jobs do not draw from each other's sequence. (Dropout draws
    /// from it too, during training: concurrent jobs with dropout are not bit-for-bit repeatable.)
    /// </summary>
    internal static nn.Module<Tensor, Tensor> CreateModel(TrainingConfig config, ImageShape shape, int classes, int seed, Device device)
    {
        var model = SeededModels.Create(seed, () => ModelFactory.Create(config, shape, classes));

        if (device.type != DeviceType.CPU)
        {
            model.to(device);
        }

        return model;
    }
}
