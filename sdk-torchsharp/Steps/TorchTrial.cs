using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperSearch.Sdk.TorchSharp;

/// <summary>
/// One trial attempt as a TorchSharp trainer sees it: its context, its device, its data and a
/// seeded shuffling generator. Opening one loads TorchSharp on the calling thread (patching
/// libtorch's loading where the system needs it) before anything else can touch torch, so the
/// device, the data and every later call are safe whatever their order.
/// </summary>
public sealed class TorchTrial : IDisposable
{
    private readonly string _preprocess;
    private PreparedDataSet? _data;

    private TorchTrial(TrialContext context, Device device, string preprocess)
    {
        Context = context;
        Device = device;
        _preprocess = preprocess;
        // Its own generator: trials on other slots cannot disturb the order; checkpoints save its state.
        Shuffle = new Generator((ulong)context.Seed);
    }

    public TrialContext Context { get; }

    /// <summary>The slot's device, resolved from <see cref="TrialContext.Device"/>.</summary>
    public Device Device { get; }

    /// <summary>Seeded with the trial's seed; <see cref="StepTrainer"/> saves and restores its state with each epoch checkpoint.</summary>
    public Generator Shuffle { get; }

    /// <summary>The spec's <c>data:</c> set, split and preprocessed (loaded on first use, shared by the process's trials: read only).</summary>
    /// <exception cref="TrialConfigurationException">The spec has no <c>data:</c> section, or the data is missing or corrupt.</exception>
    public PreparedDataSet Data => _data ??= PluginData.Load(Context, _preprocess);

    /// <summary>Whether <see cref="Data"/> has been loaded (the base class measures throughput only then).</summary>
    internal bool HasData => _data is not null;

    /// <summary>Fires when the silo shuts down: stop between batches (throwing <see cref="OperationCanceledException"/> is fine).</summary>
    public CancellationToken Cancellation => Context.Cancellation;

    /// <summary>Loads TorchSharp on this thread, then resolves the trial's device.</summary>
    /// <param name="preprocess">How <see cref="Data"/> is preprocessed: standardize, mean_image or none.</param>
    /// <exception cref="TrialConfigurationException">The device is misspelt or this process lacks it.</exception>
    /// <exception cref="TorchRuntimeException">TorchSharp's native libraries could not be loaded here.</exception>
    public static TorchTrial Open(TrialContext context, string preprocess = Preprocessing.Standardize)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new TorchTrial(context, PluginDevice.Resolve(context), preprocess);
    }

    /// <summary>Builds a model whose initial weights depend only on the trial's seed, on <see cref="Device"/>.</summary>
    public T CreateModel<T>(Func<T> create)
        where T : nn.Module
    {
        var model = SeededModels.Create(Context.Seed, create);
        if (Device.type != DeviceType.CPU)
        {
            model.to(Device);
        }

        return model;
    }

    public void Dispose() => Shuffle.Dispose();
}
