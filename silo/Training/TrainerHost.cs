using HyperSearch.Contracts;
using HyperSearch.Paths;
using HyperSearch.Silo.Hosting;
using HyperSearch.Silo.Telemetry;
using HyperSearch.Silo.Trainers;
using HyperSearch.Trainer.Native;
using HyperSearch.Trainer.Training;
using Microsoft.Extensions.Logging;

namespace HyperSearch.Silo.Training;

/// <summary>
/// This silo's trainer slots, for the silo's lifetime: a silo service, not a grain, because a slot
/// is this machine's hardware and its running trial lives on this machine's threads. It creates the
/// slots once the silo is active, subscribes itself to the sweep registry as an
/// <see cref="ITrainerHost"/> observer (renewed every <see cref="SiloSettings.TrainerHostRenewal"/>),
/// hands each offer of work to its idle slots, looks for work itself when a slot falls idle, and
/// heartbeats every running trial. The path of a trial: the registry offers a sweep to this host,
/// the idle slots ask the sweep through the <see cref="SlotMessenger"/>, each lease starts on its
/// <see cref="TrainerSlot"/>'s thread, whose reports and finish go back through the messenger.
/// </summary>
public sealed partial class TrainerHost(
    SiloSettings settings,
    IGrainFactory grainFactory,
    SlotMessenger messenger,
    TrainerCatalog trainers,
    AllowedRoots roots,
    HyperSearchInstruments instruments,
    ILogger<TrainerHost> logger,
    ILoggerFactory loggerFactory) : ITrainerHost, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>How long a stopping silo waits for its aborted trials to report how they ended.</summary>
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stop = new();
    private TrainerSlot[] _slots = [];
    private ITrainerHost? _reference;
    private Task _loops = Task.CompletedTask;
    private volatile bool _stopping;

    // 0: no search for work under way; 1: one runs; 2: one runs and another was asked for meanwhile.
    private int _search;

    public void Participate(ISiloLifecycle lifecycle)
    {
        lifecycle.Subscribe(nameof(TrainerHost), ServiceLifecycleStage.Active, StartAsync);

        // A later stage stops earlier: the slots stop before the silo deactivates its grains.
        lifecycle.Subscribe(nameof(TrainerHost) + ".Stop", ServiceLifecycleStage.Active + 1, _ => Task.CompletedTask, StopAsync);
    }

    public async Task OfferWork(string sweepId)
    {
        var started = await messenger.OfferAsync(sweepId, _slots);
        LogOffered(sweepId, started);
    }

    public Task<TrainerSlotStatus[]> GetSlots() => Task.FromResult(_slots
        .Select(slot => (slot, run: slot.Current))
        .Select(s => new TrainerSlotStatus(s.slot.SlotId, s.run?.Key.SweepId, s.run?.Key.TrialNumber, s.slot.TrialsRun, s.run?.Key.Retrain ?? false))
        .ToArray());

    private ISweepRegistryGrain Registry => grainFactory.GetGrain<ISweepRegistryGrain>(0);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.PauseOrphanedSweeps)
        {
            // Before any slot looks for work: a sweep "running" here lost its process; resume is explicit.
            await OrphanedSweeps.PauseAsync(Registry, grainFactory, logger);
        }

        var devices = DeviceSlots.Expand(settings);
        if (devices.Count == 0)
        {
            return;
        }

        if (!TrainerKinds.IsSimulated(settings))
        {
            TorchRuntime.Initialize(settings.ThreadsPerSlot);
            if (NativeAllocator.MissingSettingsWarning() is { } allocatorWarning)
            {
                logger.LogWarning("{Warning}", allocatorWarning);
            }

            foreach (var device in devices.Distinct())
            {
                // A GPU named in the configuration but missing here stops the silo with the reason.
                TrainingDevice.Resolve(device);
            }
        }

        var runLogger = loggerFactory.CreateLogger<TrainingRun>();
        var artifacts = string.IsNullOrWhiteSpace(settings.ArtifactDirectory) ? null : settings.ArtifactDirectory;
        _slots = devices
            .Select((device, i) => new TrainerSlot(
                $"{settings.SiloName}/{i}",
                (lease, workers) => new TrainingRun(lease, messenger, trainers, roots, runLogger, device, artifacts, workers),
                () => _stopping,
                _ => SearchForWork()))
            .ToArray();
        instruments.Slots = _slots;

        // Outside the lifecycle's context: Orleans makes object references only from outside any grain's.
        _reference = await Task.Run(() => grainFactory.CreateObjectReference<ITrainerHost>(this), cancellationToken);
        try
        {
            await Registry.Subscribe(settings.SiloName, _reference);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            // The registry cannot be reached yet (its storage is down): the first renewal subscribes.
            LogLoopFailed(e.Message);
        }

        SearchForWork();
        _loops = Task.WhenAll(
            Task.Run(() => EveryAsync(HeartbeatInterval, HeartbeatAsync)),
            Task.Run(() => EveryAsync(settings.TrainerHostRenewal, RenewAsync)),
            Task.Run(() => EveryAsync(settings.IdlePollInterval, PollWhenIdleAsync)));
        LogSlotsStarted(settings.SiloName, devices.Count, settings.ThreadsPerSlot, string.Join(",", devices));
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        _stop.Cancel();
        await _loops;
        if (_reference is null)
        {
            return;
        }

        try
        {
            await Registry.Unsubscribe(settings.SiloName).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
        }
        catch (Exception)
        {
            // Best effort: a subscription that is not renewed lapses by itself.
        }

        // Aborted trials end between batches and report it, so their sweeps re-queue them now rather
        // than when their leases expire; a slot that takes longer is left behind.
        instruments.Slots = [];
        Array.ForEach(_slots, slot => slot.Dispose());
        var deadline = DateTime.UtcNow + StopWait;
        foreach (var slot in _slots.Where(slot => !slot.WaitEnded(Max(deadline - DateTime.UtcNow, TimeSpan.Zero))))
        {
            LogSlotStillBusy(slot.SlotId);
        }

        grainFactory.DeleteObjectReference<ITrainerHost>(_reference);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>
    /// The slots whose training thread still runs (after the silo stopped: a trial that had not
    /// ended within the stop's wait). A process that exits under such a thread can crash in the
    /// native code it runs, so the embedded silo waits for them (<see cref="WaitSlotsEnded"/>).
    /// </summary>
    public int SlotsStillRunning() => _slots.Count(slot => !slot.WaitEnded(TimeSpan.Zero));

    /// <summary>Waits, after the silo stopped, until every slot's training thread has ended.</summary>
    public void WaitSlotsEnded() => Array.ForEach(_slots, slot => slot.WaitEnded(Timeout.InfiniteTimeSpan));

    /// <summary>
    /// Asks the running sweeps for trials for every idle slot. Searches do not pile up: a slot that
    /// falls idle while one runs makes it run once more (one registry call for a wave of idle slots).
    /// </summary>
    private void SearchForWork()
    {
        if (Interlocked.Increment(ref _search) == 1)
        {
            _ = Task.Run(SearchAsync);
        }
    }

    private async Task SearchAsync()
    {
        do
        {
            // Whoever asks from now on is served by this round or makes another.
            Volatile.Write(ref _search, 1);
            try
            {
                await OfferActiveSweepsAsync();
            }
            catch (Exception e)
            {
                // The registry is moving (its silo died): ask again in a second.
                LogSearchFailed(e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1));
                Interlocked.Increment(ref _search);
            }
        }
        while (!_stopping && Interlocked.CompareExchange(ref _search, 0, 1) != 1);
    }

    private async Task<int> OfferActiveSweepsAsync()
    {
        var started = 0;
        foreach (var sweepId in await Registry.GetActive())
        {
            if (_stopping || !_slots.Any(s => s.Current is null))
            {
                break;
            }

            started += await messenger.OfferAsync(sweepId, _slots);
        }

        return started;
    }

    private async Task HeartbeatAsync()
    {
        // Together: the messenger sends one call per sweep for all of them.
        await Task.WhenAll(_slots.Select(s => s.Current).OfType<TrainingRun>().Select(async run =>
        {
            try
            {
                if (await messenger.HeartbeatAsync(run.Key) == Sweeps.LeaseDirective.Stop)
                {
                    run.RequestStop();
                }
            }
            catch (Exception e)
            {
                LogHeartbeatFailed(run.Key.ToString(), e.Message);
            }
        }));
    }

    private async Task RenewAsync()
    {
        if (await Registry.Subscribe(settings.SiloName, _reference!))
        {
            // The registry did not hold this host (the subscription lapsed, or its stored copy was
            // lost): offers made meanwhile missed this silo.
            LogResubscribed();
            SearchForWork();
        }
    }

    /// <summary>The safety net: idle slots ask unprompted, in case an offer was lost on the way.</summary>
    private async Task PollWhenIdleAsync()
    {
        if (_slots.Any(s => s.Current is null))
        {
            var started = await OfferActiveSweepsAsync();
            if (started > 0)
            {
                // Each of these is an offer that never arrived: worth knowing, not an error.
                LogPollFoundWork(started);
            }
        }
    }

    private TimeSpan HeartbeatInterval => settings.HeartbeatPeriod;

    private async Task EveryAsync(TimeSpan period, Func<Task> work)
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    await work();
                }
                catch (Exception e)
                {
                    LogLoopFailed(e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The silo stops.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo}: {Slots} trainer slots, {Threads} threads each, devices {Devices}")]
    private partial void LogSlotsStarted(string silo, int slots, int threads, string devices);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} started trials on {Started} idle slots of this silo")]
    private partial void LogOffered(string sweepId, int started);

    [LoggerMessage(Level = LogLevel.Information, Message = "The sweep registry did not hold this silo's trainer host: subscribed again, idle slots look for work")]
    private partial void LogResubscribed();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The idle-slot poll found work for {Started} slots that no offer had reached")]
    private partial void LogPollFoundWork(int started);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Idle slots could not look for work: {Error}")]
    private partial void LogSearchFailed(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat for {Trial} failed: {Error}")]
    private partial void LogHeartbeatFailed(string trial, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trainer host: {Error}")]
    private partial void LogLoopFailed(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slot {Slot} had not ended its trial when the silo stopped; its sweep re-queues it when the lease expires")]
    private partial void LogSlotStillBusy(string slot);
}
