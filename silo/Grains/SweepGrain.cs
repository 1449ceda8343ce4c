using HyperSearch.Contracts;
using HyperSearch.Silo.Hosting;
using HyperSearch.Silo.Telemetry;
using HyperSearch.Spec;
using HyperSearch.Sweeps;
using Microsoft.Extensions.Logging;

namespace HyperSearch.Silo.Grains;

/// <summary>
/// Owns one sweep. A thin shell around <see cref="SweepBook"/>: each call applies one event to the
/// book and persists the state when the trial table changed. Heartbeats only move lease deadlines,
/// which are not worth a write: after a restart every running trial gets a fresh lease instead.
/// </summary>
public sealed partial class SweepGrain(
    [PersistentState("sweep", StorageNames.Sweeps)] IPersistentState<SweepState> state,
    SiloSettings settings,
    HyperSearchInstruments instruments,
    ILogger<SweepGrain> logger) : Grain, ISweepGrain
{
    private readonly SweepTelemetry _telemetry = new(instruments);
    private SweepBook? _book;
    private IGrainTimer? _timer;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists && state.State.Spec is not null)
        {
            var now = DateTime.UtcNow;
            for (var i = 0; i < state.State.Trials.Count; i++)
            {
                if (state.State.Trials[i].Status == TrialStatus.Running)
                {
                    state.State.Trials[i] = state.State.Trials[i] with { LeaseExpiresUtc = now + settings.LeaseDuration };
                }
            }

            _book = new SweepBook(state.State, Policy);
            _telemetry.Attach(state.State);
            StartTimerIfRunning();
        }

        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _telemetry.Detach();
        return Task.CompletedTask;
    }

    public async Task<SweepSnapshot> Start(SweepSpec spec)
    {
        if (_book is not null)
        {
            return _book.Snapshot();
        }

        var sweepId = this.GetPrimaryKeyString();
        state.State = SweepBook.NewState(sweepId, spec, DateTime.UtcNow);
        _book = new SweepBook(state.State, Policy);
        _telemetry.Attach(state.State);
        await state.WriteStateAsync();
        await Registry.Register(new SweepListing(sweepId, spec.Name, SweepStatus.Running, state.State.CreatedUtc));
        StartTimerIfRunning();
        LogStarted(sweepId, spec.Name, spec.Budget.Trials);
        return _book.Snapshot();
    }

    public async Task<TrialLease?> Lease(string slotId)
    {
        if (_book is null)
        {
            return null;
        }

        var before = Fingerprint();
        var lease = _book.Lease(slotId, DateTime.UtcNow);
        if (lease is not null)
        {
            LogLeased(lease.Key.ToString(), slotId);
        }

        await PersistIfChanged(before);
        return lease;
    }

    public Task<LeaseDirective> Heartbeat(TrialKey key) =>
        Task.FromResult(_book?.Heartbeat(key, DateTime.UtcNow) ?? LeaseDirective.Stop);

    public async Task<LeaseDirective> Report(TrialKey key, EpochMetrics metrics)
    {
        if (_book is null)
        {
            return LeaseDirective.Stop;
        }

        var before = Fingerprint();
        var directive = _book.Report(key, metrics, DateTime.UtcNow);
        await PersistIfChanged(before);
        return directive;
    }

    public async Task Finish(TrialKey key, TrialFinish finish)
    {
        if (_book is null)
        {
            return;
        }

        var before = Fingerprint();
        if (_book.Finish(key, finish, DateTime.UtcNow))
        {
            LogFinished(key.ToString(), finish.Outcome.ToString(), finish.Message ?? "");
        }
        else
        {
            LogStaleFinish(key.ToString());
        }

        await PersistIfChanged(before);
    }

    public Task<SweepSnapshot> GetSnapshot() => Task.FromResult(
        _book?.Snapshot() ?? new SweepSnapshot(this.GetPrimaryKeyString(), null, SweepStatus.Created, null, default, null, 0, 0, []));

    public Task<SweepSnapshot> Cancel() => Apply(book => book.Cancel(DateTime.UtcNow));

    public Task<SweepSnapshot> Pause() => Apply(book => book.Pause(DateTime.UtcNow));

    public async Task<SweepSnapshot> Resume()
    {
        var snapshot = await Apply(book => book.Resume(DateTime.UtcNow));
        StartTimerIfRunning();
        return snapshot;
    }

    /// <summary>Applies one change to the book, then persists it and tells the registry of a new status.</summary>
    private async Task<SweepSnapshot> Apply(Action<SweepBook> change)
    {
        if (_book is null)
        {
            return await GetSnapshot();
        }

        var before = Fingerprint();
        change(_book);
        await PersistIfChanged(before);
        return _book.Snapshot();
    }

    private SweepPolicy Policy => new(settings.LeaseDuration, settings.MaxAttempts);

    private ISweepRegistryGrain Registry => GrainFactory.GetGrain<ISweepRegistryGrain>(0);

    private void StartTimerIfRunning()
    {
        if (_timer is null && state.State.Status == SweepStatus.Running)
        {
            // Keeps the sweep active while it runs and expires leases of slots that went silent.
            var period = settings.LeaseDuration / 4 < settings.PollInterval ? settings.LeaseDuration / 4 : settings.PollInterval;
            _timer = this.RegisterGrainTimer(OnTick, new GrainTimerCreationOptions(period, period) { KeepAlive = true });
        }
    }

    private async Task OnTick(CancellationToken cancellationToken)
    {
        if (_book is null)
        {
            return;
        }

        var before = Fingerprint();
        _book.Tick(DateTime.UtcNow);
        await PersistIfChanged(before);
    }

    /// <summary>Writes the state when the table changed, and tells the registry when the sweep ended.</summary>
    private async Task PersistIfChanged((long Revision, SweepStatus Status) before)
    {
        if (state.State.Revision != before.Revision)
        {
            _telemetry.Observe(state.State);
            await state.WriteStateAsync();
        }

        if (state.State.Status != before.Status)
        {
            await Registry.Update(state.State.SweepId, state.State.Status);
            if (state.State.Status != SweepStatus.Running)
            {
                LogStopped(state.State.SweepId, state.State.Status.ToString().ToLowerInvariant(), state.State.EndReason ?? "");
                _timer?.Dispose();
                _timer = null;
            }
        }
    }

    private (long Revision, SweepStatus Status) Fingerprint() => (state.State.Revision, state.State.Status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} ({Name}) started: {Trials} trials")]
    private partial void LogStarted(string sweepId, string name, int trials);

    [LoggerMessage(Level = LogLevel.Information, Message = "Leased {Trial} to {Slot}")]
    private partial void LogLeased(string trial, string slot);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trial {Trial} finished: {Outcome} {Message}")]
    private partial void LogFinished(string trial, string outcome, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored a finish from {Trial}: that attempt is no longer current")]
    private partial void LogStaleFinish(string trial);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} is {Status} {Reason}")]
    private partial void LogStopped(string sweepId, string status, string reason);
}
