using HyperSearch.Trainer.Native;
using static TorchSharp.torch;

namespace HyperSearch.Sdk.TorchSharp;

/// <summary>
/// Builds a model whose initial weights depend only on the trial's seed. The built-in trainer
/// (trainer/Training/TrialTrainer.cs) builds its models through it too.
/// </summary>
public static class SeededModels
{
    /// <summary>Held by whoever seeds torch's process-wide generator and builds a model from it.</summary>
    internal static Lock Gate { get; } = new();

    /// <summary>
    /// Loads TorchSharp on this thread if it has not, seeds torch's process-wide generator with
    /// <paramref name="seed"/> and calls <paramref name="create"/>, holding a gate every model
    /// builder in this process holds: trials on other slots cannot draw from the sequence in
    /// between, so the weights repeat.
    /// </summary>
    public static T Create<T>(int seed, Func<T> create)
        where T : nn.Module
    {
        ArgumentNullException.ThrowIfNull(create);
        TorchRuntime.EnsureInitializedOnThisThread();
        lock (Gate)
        {
            random.manual_seed(seed);
            return create();
        }
    }
}
