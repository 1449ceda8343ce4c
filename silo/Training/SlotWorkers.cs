using System.Collections.Concurrent;
using HyperSearch.Contracts;
using HyperSearch.Paths;
using HyperSearch.Silo.Hosting;
using HyperSearch.Silo.Telemetry;
using HyperSearch.Silo.Trainers;
using Microsoft.Extensions.Logging;

namespace HyperSearch.Silo.Training;

/// <summary>
/// This silo's <see cref="SlotWorker"/>s, one per trainer slot, held by the silo rather than by the
/// slots' grain activations. Orleans deactivates an activation whose directory entry lived on a
/// silo that died; the slot's next activation finds its worker, and its running trial, here
/// instead of the trial being aborted and run again (the cluster fault tests caught a trial run three times).
/// </summary>
public sealed class SlotWorkers(
    SiloSettings settings, IGrainFactory grainFactory, SlotMessenger messenger, TrainerCatalog trainers, AllowedRoots roots, HyperSearchInstruments instruments, ILogger<TrainingRun> logger)
{
    private readonly ConcurrentDictionary<string, SlotWorker> _workers = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<string> _devices = DeviceSlots.Expand(settings);
    private volatile bool _stopping;

    /// <summary>The silo is stopping: its slots' activations go for good, and take their trials with them. Read by slot threads.</summary>
    public bool Stopping
    {
        get => _stopping;
        set => _stopping = value;
    }

    /// <summary>The slot's worker, created on first use.</summary>
    public SlotWorker For(string slotId) => _workers.GetOrAdd(slotId, Create);

    /// <summary>Every slot worker of this silo.</summary>
    public IEnumerable<SlotWorker> All => _workers.Values;

    /// <summary>The slot's worker if it has one.</summary>
    public SlotWorker? Find(string slotId) => _workers.TryGetValue(slotId, out var worker) ? worker : null;

    /// <summary>The silo stops: the slot's trial is aborted (its sweep re-queues it) and its thread ends.</summary>
    public void Retire(string slotId)
    {
        if (_workers.TryRemove(slotId, out var worker))
        {
            worker.Dispose();
        }
    }

    private SlotWorker Create(string slotId)
    {
        var device = DeviceSlots.Of(_devices, slotId);
        var artifacts = string.IsNullOrWhiteSpace(settings.ArtifactDirectory) ? null : settings.ArtifactDirectory;
        var slot = grainFactory.GetGrain<ITrainerGrain>(slotId);
        return new SlotWorker(
            slotId,
            lease => new TrainingRun(lease, messenger, trainers, roots, logger, device, artifacts),
            () => Stopping,
            instruments.Slots,
            () => slot.Wake().Ignore());
    }
}
