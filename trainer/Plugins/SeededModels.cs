using HyperSearch.Trainer.Training;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Plugins;

/// <summary>Builds a model whose initial weights depend only on the trial's seed.</summary>
public static class SeededModels
{
    /// <summary>
    /// Seeds torch's process-wide generator with <paramref name="seed"/> and calls
    /// <paramref name="create"/>, holding the gate the built-in trainer holds for the same purpose:
    /// trials on other slots cannot draw from the sequence in between, so the weights repeat.
    /// </summary>
    public static T Create<T>(int seed, Func<T> create)
        where T : nn.Module
    {
        ArgumentNullException.ThrowIfNull(create);
        lock (TrialTrainer.ModelGate)
        {
            random.manual_seed(seed);
            return create();
        }
    }
}
