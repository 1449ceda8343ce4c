using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Training;

/// <summary>
/// The files of one toolbox resumable checkpoint: the model's weights and buffers, the optimizer's
/// state (moments, momentum buffers, step counts), the states of the shuffling and augmentation
/// generators, the best epoch's weights so far (so the final checkpoint still keeps the best epoch
/// of the whole trial) and the loop's counters (<see cref="ResumeProgress"/>). The learning-rate
/// schedule needs nothing of its own: it is a function of the step count.
/// </summary>
internal static class ResumeFiles
{
    public const string Model = "model.bin";
    public const string Optimizer = "optimizer.bin";
    public const string Best = "best.bin";
    public const string Shuffle = "shuffle.rng";
    public const string Augment = "augment.rng";
    public const string Progress = "progress.json";

    // A loss can be NaN (nothing measured yet); JSON has no word for it unless allowed.
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static void Write(
        string directory,
        ResumeProgress progress,
        nn.Module<Tensor, Tensor> model,
        optim.Optimizer optimizer,
        Generator shuffle,
        Generator? augment,
        IReadOnlyDictionary<string, Tensor>? best)
    {
        model.save(Path.Combine(directory, Model));
        Helper(optimizer).save_state_dict(Path.Combine(directory, Optimizer));
        WriteGenerator(Path.Combine(directory, Shuffle), shuffle);
        if (augment is not null)
        {
            WriteGenerator(Path.Combine(directory, Augment), augment);
        }

        if (best is not null)
        {
            using var writer = new BinaryWriter(File.Create(Path.Combine(directory, Best)));
            writer.Write(best.Count);
            foreach (var (name, tensor) in best.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                writer.Write(name);
                tensor.Save(writer);
            }
        }

        File.WriteAllText(Path.Combine(directory, Progress), JsonSerializer.Serialize(progress, Json));
    }

    /// <summary>Loads a checkpoint's state into the run's freshly built objects; returns its counters and, if saved, the best weights.</summary>
    /// <exception cref="InvalidDataException">The files do not fit this trial's model or optimizer.</exception>
    public static (ResumeProgress Progress, Dictionary<string, Tensor>? Best) Read(
        string directory,
        nn.Module<Tensor, Tensor> model,
        optim.Optimizer optimizer,
        Generator shuffle,
        Generator? augment)
    {
        var progress = JsonSerializer.Deserialize<ResumeProgress>(File.ReadAllText(Path.Combine(directory, Progress)), Json)
            ?? throw new InvalidDataException($"{Progress} is empty");
        model.load(Path.Combine(directory, Model));
        Helper(optimizer).load_state_dict(Path.Combine(directory, Optimizer));
        ReadGenerator(Path.Combine(directory, Shuffle), shuffle);
        if (augment is not null)
        {
            ReadGenerator(Path.Combine(directory, Augment), augment);
        }

        var bestPath = Path.Combine(directory, Best);
        if (!File.Exists(bestPath))
        {
            return (progress, null);
        }

        // The model's own state gives each saved tensor its shape and type to load into.
        var best = model.state_dict().ToDictionary(pair => pair.Key, pair => pair.Value.detach().clone());
        using var reader = new BinaryReader(File.OpenRead(bestPath));
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            if (!best.TryGetValue(name, out var tensor))
            {
                throw new InvalidDataException($"{Best} holds {name}, which this model lacks");
            }

            tensor.Load(reader);
        }

        return (progress, best);
    }

    /// <summary>Every optimizer the toolbox builds is one of TorchSharp's managed ones, which save their state.</summary>
    private static OptimizerHelper Helper(optim.Optimizer optimizer) =>
        optimizer as OptimizerHelper ?? throw new InvalidOperationException($"{optimizer.GetType().Name} cannot save its state");

    private static void WriteGenerator(string path, Generator generator)
    {
        using var state = generator.get_state();
        File.WriteAllBytes(path, state.data<byte>().ToArray());
    }

    private static void ReadGenerator(string path, Generator generator)
    {
        using var state = tensor(File.ReadAllBytes(path), ScalarType.Byte);
        generator.set_state(state);
    }
}

/// <summary>The epoch loop's counters in a resumable checkpoint.</summary>
/// <param name="Epoch">Epochs trained.</param>
/// <param name="Step">Optimizer steps taken: the learning-rate schedule's position.</param>
/// <param name="InitialLoss">The first minibatch's data loss (the trial's initial-loss figure).</param>
/// <param name="GuardInitialLoss">The divergence guard's reference loss.</param>
/// <param name="BestEpoch">The best epoch so far, whose weights are in <see cref="ResumeFiles.Best"/>; null: none kept.</param>
internal sealed record class ResumeProgress(
    int Epoch,
    long Step,
    double InitialLoss,
    double GuardInitialLoss,
    int? BestEpoch,
    double BestValidationLoss,
    double BestValidationAccuracy);
