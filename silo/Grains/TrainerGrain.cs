using HyperSearch.Contracts;
using HyperSearch.Silo.Hosting;
using HyperSearch.Silo.Telemetry;
using HyperSearch.Silo.Training;
using Microsoft.Extensions.Logging;
using Orleans.Placement;

namespace HyperSearch.Silo.Grains;

/// <summary>
/// One trainer slot. Placed on the silo that wakes it (its key starts with that silo's name, and an
/// activation anywhere else refuses to start). Its timer either heartbeats the running trial or,
/// when idle, asks the active sweeps for a lease.
/// </summary>
[PreferLocalPlacement]
public sealed partial class TrainerGrain(SiloSettings settings, SlotRuns runs, HyperSearchInstruments instruments, ILogger<TrainerGrain> logger) : Grain, ITrainerGrain
{
    private TrainingRun? _run;
    private IGrainTimer? _timer;
    private SlotThread? _thread;
    private int _trialsRun;

    private string SlotId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!SlotId.StartsWith(settings.SiloName + "/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"trainer slot {SlotId} belongs to another silo than {settings.SiloName}");
        }

        var period = settings.LeaseDuration / 4 < settings.PollInterval ? settings.LeaseDuration / 4 : settings.PollInterval;
        _timer = this.RegisterGrainTimer(Poll, new GrainTimerCreationOptions(period, period) { KeepAlive = true });
        instruments.Slots.Add(SlotId);

        // An earlier activation of this slot may have left a trial training (see OnDeactivateAsync).
        _run = runs.Current(SlotId);
        if (_run is not null)
        {
            instruments.Slots.SetRun(SlotId, _run);
        }

        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        _thread?.Dispose();
        if (runs.Stopping || reason.ReasonCode is DeactivationReasonCode.ShuttingDown or DeactivationReasonCode.Migrating)
        {
            // The silo stops: the aborted run must not wake this slot (nor may its siblings).
            runs.Stopping |= reason.ReasonCode == DeactivationReasonCode.ShuttingDown;
            _run?.Abort();
        }
        else if (reason.ReasonCode != DeactivationReasonCode.ActivationFailed && SlotId.StartsWith(settings.SiloName + "/", StringComparison.Ordinal))
        {
            // Not the silo going away (Orleans drops activations whose directory entry was on a
            // silo that died): the trial trains on, and the slot comes back at once to heartbeat it
            // and, when idle, to keep polling; nothing else would wake an idle slot.
            var slot = GrainFactory.GetGrain<ITrainerGrain>(SlotId);
            _ = Task.Run(async () =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
                slot.Wake().Ignore();
            });
        }

        instruments.Slots.Remove(SlotId);
        return Task.CompletedTask;
    }

    public Task Wake() => Poll(CancellationToken.None);

    public Task<TrainerSlotStatus> GetStatus() => Task.FromResult(
        new TrainerSlotStatus(SlotId, _run?.Key.SweepId, _run?.Key.TrialNumber, _trialsRun));

    private async Task Poll(CancellationToken cancellationToken)
    {
        if (_run is { IsDone: true })
        {
            _run = null;
            _trialsRun++;
            instruments.Slots.SetRun(SlotId, null);
        }

        if (_run is not null)
        {
            await HeartbeatAsync(_run);
            return;
        }

        var active = await GrainFactory.GetGrain<ISweepRegistryGrain>(0).GetActiveFor(SlotId);
        foreach (var sweepId in active)
        {
            var lease = await GrainFactory.GetGrain<ISweepGrain>(sweepId).Lease(SlotId);
            if (lease is null)
            {
                continue;
            }

            LogStarting(SlotId, lease.Key.ToString());
            var self = this.AsReference<ITrainerGrain>();
            var device = DeviceSlots.Of(DeviceSlots.Expand(settings), SlotId);
            var artifacts = string.IsNullOrWhiteSpace(settings.ArtifactDirectory) ? null : settings.ArtifactDirectory;
            var simulated = TrainerKinds.IsSimulated(settings) ? new SimulatedTrainer(settings.SimulatedEpochDuration, settings.SimulatedEpochJitter) : null;
            _run = new TrainingRun(lease, GrainFactory, () => WakeUnlessStopping(self), logger, device, simulated is null ? artifacts : null, simulated);
            runs.Set(SlotId, _run);
            _run.Start(_thread ??= new SlotThread($"slot {SlotId}"));
            instruments.Slots.SetRun(SlotId, _run);
            return;
        }
    }

    /// <summary>A finished run wakes its slot, unless the silo is stopping (the slot would be placed on another silo, which refuses it).</summary>
    private void WakeUnlessStopping(ITrainerGrain self)
    {
        if (!runs.Stopping)
        {
            self.Wake().Ignore();
        }
    }

    private async Task HeartbeatAsync(TrainingRun run)
    {
        try
        {
            if (await GrainFactory.GetGrain<ISweepGrain>(run.Key.SweepId).Heartbeat(run.Key) == Sweeps.LeaseDirective.Stop)
            {
                run.RequestStop();
            }
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            LogHeartbeatFailed(run.Key.ToString(), e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slot {Slot} starts {Trial}")]
    private partial void LogStarting(string slot, string trial);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat for {Trial} failed: {Error}")]
    private partial void LogHeartbeatFailed(string trial, string error);
}
