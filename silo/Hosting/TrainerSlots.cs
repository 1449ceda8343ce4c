using HyperSearch.Contracts;
using HyperSearch.Trainer.Native;
using HyperSearch.Trainer.Training;
using Microsoft.Extensions.Logging;

namespace HyperSearch.Silo.Hosting;

/// <summary>
/// Brings this silo's trainer slots up once the silo is active: loads TorchSharp (patching its
/// native library where the system needs it) and activates one trainer grain per slot here.
/// </summary>
public sealed partial class TrainerSlots(SiloSettings settings, IGrainFactory grainFactory, Training.SlotWorkers workers, ILogger<TrainerSlots> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
    {
        lifecycle.Subscribe(nameof(TrainerSlots), ServiceLifecycleStage.Active, StartAsync);

        // A later stage stops earlier: the flag is up before the Active stage deactivates the grains.
        lifecycle.Subscribe(nameof(TrainerSlots) + ".Stopping", ServiceLifecycleStage.Active + 1, _ => Task.CompletedTask, StopAsync);
    }

    public IEnumerable<string> SlotIds => Enumerable.Range(0, DeviceSlots.Expand(settings).Count).Select(i => $"{settings.SiloName}/{i}");

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.PauseOrphanedSweeps)
        {
            // Before any slot looks for work: a sweep "running" here lost its process; resume is explicit.
            var registry = grainFactory.GetGrain<ISweepRegistryGrain>(0);
            foreach (var sweepId in await registry.GetActive())
            {
                try
                {
                    await grainFactory.GetGrain<ISweepGrain>(sweepId).Pause();
                    LogPausedOrphan(sweepId);
                }
                catch (StateCorruptException e)
                {
                    // One unreadable sweep must not stop this silo, nor the commands about other
                    // sweeps; the sweep itself refuses every call with the same message.
                    LogUnreadableOrphan(sweepId, e.Message);
                }
            }
        }

        var devices = DeviceSlots.Expand(settings);
        if (devices.Count == 0)
        {
            return;
        }

        if (!TrainerKinds.IsSimulated(settings))
        {
            TorchRuntime.Initialize(settings.ThreadsPerSlot);
            foreach (var device in devices.Distinct())
            {
                // A GPU named in the configuration but missing here stops the silo with the reason.
                TrainingDevice.Resolve(device);
            }
        }

        await Task.WhenAll(SlotIds.Select(id => grainFactory.GetGrain<ITrainerGrain>(id).Wake()));
        LogSlotsStarted(settings.SiloName, devices.Count, settings.ThreadsPerSlot, string.Join(",", devices));
    }

    /// <summary>Before the silo deactivates its grains: the slots' activations must not come back.</summary>
    private Task StopAsync(CancellationToken cancellationToken)
    {
        workers.Stopping = true;
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId} was left running by an earlier process: paused (hypersearch resume continues it)")]
    private partial void LogPausedOrphan(string sweepId);

    // Information: a `resume` or `status` of that sweep shows the same message as its one error line.
    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} was left running by an earlier process but its state cannot be read: {Error}")]
    private partial void LogUnreadableOrphan(string sweepId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo}: {Slots} trainer slots, {Threads} threads each, devices {Devices}")]
    private partial void LogSlotsStarted(string silo, int slots, int threads, string devices);
}
