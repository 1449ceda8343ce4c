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
/// when idle, asks the active sweeps for a lease and hands it to the slot's <see cref="SlotWorker"/>,
/// which goes on from trial to trial while the sweep has work for it.
/// </summary>
[PreferLocalPlacement]
public sealed partial class TrainerGrain(
    SiloSettings settings, SlotWorkers workers, SlotMessenger messenger, HyperSearchInstruments instruments, ILogger<TrainerGrain> logger) : Grain, ITrainerGrain
{
    private IGrainTimer? _timer;

    private string SlotId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!SlotId.StartsWith(settings.SiloName + "/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"trainer slot {SlotId} belongs to another silo than {settings.SiloName}");
        }

        var period = settings.LeaseDuration / 4 < settings.PollInterval ? settings.LeaseDuration / 4 : settings.PollInterval;
        _timer = this.RegisterGrainTimer(Poll, new GrainTimerCreationOptions(period, period) { KeepAlive = true });

        // An earlier activation of this slot may have left a trial training (see OnDeactivateAsync).
        instruments.Slots.Add(SlotId);
        if (workers.Find(SlotId)?.Current is { } run)
        {
            instruments.Slots.SetRun(SlotId, run);
        }

        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        if (workers.Stopping || reason.ReasonCode is DeactivationReasonCode.ShuttingDown or DeactivationReasonCode.Migrating)
        {
            // The silo stops: the aborted trial must not wake this slot (nor may its siblings).
            workers.Stopping |= reason.ReasonCode == DeactivationReasonCode.ShuttingDown;
            workers.Retire(SlotId);
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

    public async Task OfferWork(string sweepId)
    {
        if (!workers.Stopping)
        {
            var started = await messenger.OfferAsync(sweepId, workers.All);
            LogOffered(sweepId, started);
        }
    }

    public Task<TrainerSlotStatus> GetStatus()
    {
        var worker = workers.Find(SlotId);
        var run = worker?.Current;
        return Task.FromResult(new TrainerSlotStatus(SlotId, run?.Key.SweepId, run?.Key.TrialNumber, worker?.TrialsRun ?? 0));
    }

    private async Task Poll(CancellationToken cancellationToken)
    {
        var worker = workers.For(SlotId);
        if (worker.Current is { } run)
        {
            await HeartbeatAsync(run);
            return;
        }

        var active = await GrainFactory.GetGrain<ISweepRegistryGrain>(0).GetActiveFor(SlotId);
        foreach (var sweepId in active)
        {
            if (workers.Stopping)
            {
                return;
            }

            // The messenger starts a leased trial on the worker itself.
            if (!worker.TryReserve())
            {
                return;
            }

            if (await messenger.LeaseAsync(sweepId, worker) is { } lease)
            {
                LogStarting(SlotId, lease.Key.ToString());
                return;
            }
        }
    }

    private async Task HeartbeatAsync(TrainingRun run)
    {
        try
        {
            if (await messenger.HeartbeatAsync(run.Key) == Sweeps.LeaseDirective.Stop)
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} started trials on {Started} idle slots of this silo")]
    private partial void LogOffered(string sweepId, int started);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat for {Trial} failed: {Error}")]
    private partial void LogHeartbeatFailed(string trial, string error);
}
