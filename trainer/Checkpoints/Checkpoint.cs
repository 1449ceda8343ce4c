using HyperSearch.Sdk.TorchSharp;
using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Models;
using HyperSearch.Trainer.Native;
using HyperSearch.Trainer.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Checkpoints;

/// <summary>
/// A reloaded checkpoint: the model with its best epoch's weights (in evaluation mode, on the CPU
/// unless asked otherwise), its configuration and its preprocessing. Use it on the thread that loaded
/// it (TorchSharp's grad mode is per thread).
/// </summary>
public sealed class Checkpoint : IDisposable
{
    private readonly Device _device;

    private Checkpoint(string directory, CheckpointManifest manifest, TrainingConfig config, nn.Module<Tensor, Tensor> model, Device device)
    {
        Directory = directory;
        Manifest = manifest;
        Config = config;
        Model = model;
        _device = device;
    }

    public string Directory { get; }

    public CheckpointManifest Manifest { get; }

    public TrainingConfig Config { get; }

    public Preprocessing Preprocessing => Manifest.Preprocessing;

    public nn.Module<Tensor, Tensor> Model { get; }

    /// <summary>Rebuilds the model from the manifest and loads the saved weights.</summary>
    /// <param name="device">auto | cpu | cuda | cuda:N (see <see cref="TrainingDevice"/>).</param>
    /// <exception cref="InvalidDataException">The directory is not a complete checkpoint.</exception>
    /// <exception cref="DeviceUnavailableException">A GPU was asked for and is not there.</exception>
    public static Checkpoint Load(string directory, string device = TrainingDevice.Cpu)
    {
        var manifestPath = Path.Combine(directory, CheckpointFiles.Manifest);
        if (!File.Exists(manifestPath))
        {
            // A plugin's trial saves only the ensemble files; its ensemble is scored when its sweep ends.
            throw new InvalidDataException($"{directory}: no {CheckpointFiles.Manifest}: only the built-in trainer's checkpoints can be reloaded");
        }

        var manifest = CheckpointManifest.Read(manifestPath);
        var weights = Path.Combine(directory, CheckpointFiles.Weights);
        if (!File.Exists(weights))
        {
            throw new InvalidDataException($"{directory}: checkpoint has no {CheckpointFiles.Weights}");
        }

        TorchRuntime.EnsureInitializedOnThisThread();
        var target = TrainingDevice.Resolve(device);
        var config = TrainingConfig.Parse(manifest.TrainingParameters());
        nn.Module<Tensor, Tensor> model;
        lock (SeededModels.Gate)
        {
            // Building draws initial weights from torch's global generator: not in the middle of a trial's seeding.
            model = ModelFactory.Create(config, manifest.Data.Shape, manifest.Data.Classes);
        }

        try
        {
            model.load(weights);
            if (target.type != DeviceType.CPU)
            {
                model.to(target);
            }

            model.eval();
        }
        catch
        {
            model.Dispose();
            throw;
        }

        return new Checkpoint(Path.GetFullPath(directory), manifest, config, model, target);
    }

    /// <summary>Preprocesses images with the saved statistics (never refitted) into features [rows, features].</summary>
    public Tensor Preprocess(IdxImages images, IReadOnlyList<int>? rows = null) => Preprocessing.Apply(images, rows);

    /// <summary>Scores the model and its class probabilities on labelled images.</summary>
    /// <param name="mirrored">Test-time augmentation: predict each image flipped left to right.</param>
    public Prediction Predict(IdxImages images, byte[] labels, IReadOnlyList<int>? rows = null, bool mirrored = false)
    {
        using var data = LabeledTensorsFor(images, labels, rows);
        return ModelEvaluator.Predict(Model, data.Tensors, Manifest.Data.Classes, _device, mirrored ? Manifest.Data.Shape : null);
    }

    /// <summary>Reloads the test set the checkpoint was trained with and scores the model on it.</summary>
    /// <param name="dataDirectory">Where to read that data set: its directory as the caller resolved and checked it; null: as the manifest names it.</param>
    /// <param name="mirrored">Test-time augmentation: predict each test image flipped left to right.</param>
    /// <exception cref="DataSetException">The data set is no longer where it was.</exception>
    public Prediction PredictTest(string? dataDirectory = null, bool mirrored = false)
    {
        var data = DataSets.Load(Manifest.Data.ToOptions() with { Path = dataDirectory ?? Manifest.Data.Path });
        return Predict(data.TestImages, data.TestLabels, mirrored: mirrored);
    }

    /// <summary>Reloads the validation rows the checkpoint was validated on and scores the model on them.</summary>
    public Prediction PredictValidation()
    {
        var data = DataSets.Load(Manifest.Data.ToOptions());
        var split = DataSplit.Create(data.TrainImages.Count, Manifest.Data.Validation, Manifest.Data.TrainSubset, Manifest.Data.SplitSeed);
        return Predict(data.TrainImages, data.TrainLabels, split.Validation);
    }

    public void Dispose() => Model.Dispose();

    private DisposableTensors LabeledTensorsFor(IdxImages images, byte[] labels, IReadOnlyList<int>? rows) =>
        new(LabeledTensors.Create(images, labels, rows?.ToArray(), Preprocessing));

    private sealed class DisposableTensors(LabeledTensors tensors) : IDisposable
    {
        public LabeledTensors Tensors => tensors;

        public void Dispose()
        {
            tensors.Features.Dispose();
            tensors.Labels.Dispose();
        }
    }
}
