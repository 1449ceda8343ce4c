using HyperSearch.Sdk;
using HyperSearch.Trainer.Native;
using HyperSearch.Trainer.Training;
using static TorchSharp.torch;

namespace HyperSearch.Sdk.TorchSharp;

/// <summary>The torch device of a trial's slot, for a plugin trainer.</summary>
public static class PluginDevice
{
    /// <summary>
    /// Loads TorchSharp on this thread (patching libtorch's loading where the system needs it) and
    /// resolves <see cref="TrialContext.Device"/>. The order of calls does not matter: every entry
    /// of this package that needs torch loads it first, and the silo loads it on a plugin's
    /// training thread before <c>Train</c> (silo/Trainers/TorchPluginTrainer.cs).
    /// </summary>
    /// <exception cref="TrialConfigurationException">The device is misspelt or this process lacks it.</exception>
    /// <exception cref="TorchRuntimeException">TorchSharp's native libraries could not be loaded here.</exception>
    public static Device Resolve(TrialContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        TorchRuntime.EnsureInitializedOnThisThread();
        try
        {
            return TrainingDevice.Resolve(context.Device);
        }
        catch (InvalidTrainingConfigException e)
        {
            throw new TrialConfigurationException(e.Message, e);
        }
        catch (DeviceUnavailableException e)
        {
            throw new TrialConfigurationException(e.Message, e);
        }
    }
}
