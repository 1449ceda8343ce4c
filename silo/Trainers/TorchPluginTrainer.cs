using System.Reflection;
using HyperSearch.Sdk;
using HyperSearch.Trainer.Native;

namespace HyperSearch.Silo.Trainers;

/// <summary>
/// A plugin that uses TorchSharp, with libtorch loaded on its training thread before its
/// <c>Train</c> runs (patched where the system's libstdc++ needs it, sdk-torchsharp/Native/):
/// the plugin's first torch call, whatever it is, finds the runtime ready.
/// </summary>
internal sealed class TorchPluginTrainer(ITrainer inner) : ITrainer
{
    private static readonly string[] TorchAssemblies = ["TorchSharp", "HyperSearch.Sdk.TorchSharp"];

    public TrainerSchema Schema => inner.Schema;

    /// <summary>The plugin loaded into the silo, for tests and messages.</summary>
    public ITrainer Inner => inner;

    public static bool UsesTorch(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Any(name => TorchAssemblies.Contains(name.Name, StringComparer.OrdinalIgnoreCase));

    public TrialResult Train(TrialContext context, IEpochReporter reporter)
    {
        TorchRuntime.EnsureInitializedOnThisThread();
        return inner.Train(context, reporter);
    }
}
